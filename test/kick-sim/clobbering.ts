/**
 * `?clobber=1`: a kick.com page that tries to switch the cards off by DOM clobbering (issue #25, item 9). Not a capture of
 * Kick: an attack the review reproduced. An element's `id`, and a form's (or img's, embed's, object's) `name`, become
 * named properties of the window (HTML, "Named access on the Window object"), which a content script's isolated world
 * sees too wherever the global object has no own property of that name: a script that reads such a global gets the page's
 * element instead. Planted at the top of <body>, so they exist before the content script starts.
 */

const planted = [
  // An element named like the meeting key, swapped for a fresh one on the first pointer move: whatever one script left
  // on the first is gone for the script that reads the name after it.
  '<div id="kick-user-cards:card-ui" hidden></div>',
  `<script>document.addEventListener('pointerover', () => {
    const old = document.getElementById('kick-user-cards:card-ui');
    const fresh = document.createElement('div');
    fresh.id = 'kick-user-cards:card-ui';
    fresh.hidden = true;
    old?.replaceWith(fresh);
  }, { capture: true });</script>`,
  // A form's named controls are its properties: `content.fetch` is an <input>, not a function.
  '<form name="content" hidden><input name="fetch"><input name="XMLHttpRequest"></form>',
  '<form name="cookieStore" hidden><input name="get"></form>',
  // `browser.runtime.id` reads the input's id: a polyfill that trusts it would take the form for the extension API.
  '<form name="browser" hidden><input name="runtime" id="clobbered-runtime"></form>',
].join('');

export const withClobbering = (page: string): string => page.replace('<body>', `<body>${planted}`);
