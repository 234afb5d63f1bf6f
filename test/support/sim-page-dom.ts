/**
 * Puts a simulated kick.com page (test/kick-sim/pages.ts) into the unit tests' DOM and runs its chat script, as a
 * browser would: innerHTML never runs scripts, so the page's virtualiser needs its script re-inserted. Answers the
 * page's `window.__sim` handle.
 */
export function mountSimPage<Handle>(html: string): Handle {
  document.body.innerHTML = html.slice(html.indexOf('<body>') + 6, html.lastIndexOf('</body>'));
  const inert = document.querySelector('body > script')!;
  const script = document.createElement('script');
  script.textContent = inert.textContent;
  inert.replaceWith(script);
  return (window as unknown as { __sim: Handle }).__sim;
}
