import ts from 'typescript';

/**
 * Finds words a user would read that are not messages (issue #26): JSX text, and string literals given to the
 * attributes people read (aria-label, title, placeholder, alt…). Symbols, brand names and values that are not words
 * (a placeholder's syntax, a class name) are not text to translate.
 */
const READ_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-placeholder', 'aria-roledescription', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label', 'legend']);
/** Names and symbols, the same in every language. */
export const ALLOWED = new Set(['Kick', 'kick.com', 'Instagram', 'X', 'YouTube', 'Discord', 'TikTok', 'Facebook', '…', '🗑', '✔', '·', '●', '⚙', '@', '▾', '▸', '=']);

export interface HardCoded {
  line: number;
  text: string;
}

/** Has letters, once the allowed names and symbols are taken out. */
function isWords(text: string): boolean {
  let rest = text.trim();
  for (const allowed of ALLOWED) rest = rest.split(allowed).join(' ');
  return /\p{L}{2,}/u.test(rest);
}

export function findHardCoded(fileName: string, source: string): HardCoded[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: HardCoded[] = [];
  const report = (node: ts.Node, text: string) =>
    found.push({ line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, text: text.trim() });
  const visit = (node: ts.Node) => {
    // Inside <code>: a scope's or a host's name, the same in every language.
    const inCode = ts.isJsxText(node) && ts.isJsxElement(node.parent) && node.parent.openingElement.tagName.getText(file) === 'code';
    if (ts.isJsxText(node) && !inCode && isWords(node.text)) report(node, node.text);
    if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText(file)) && node.initializer) {
      const init = node.initializer;
      const literal = ts.isStringLiteral(init) ? init : ts.isJsxExpression(init) && init.expression && (ts.isStringLiteral(init.expression) || ts.isNoSubstitutionTemplateLiteral(init.expression)) ? init.expression : undefined;
      if (literal && isWords(literal.text)) report(node, literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
