// A small XML well-formedness checker for the SVG tests (no browser, no dependency): tags nest and
// close, attributes are quoted and unique, `&` starts only a known entity, `<` never appears in text.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITY = /^&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;

/** The document's root element; throws with the offset of the first thing that is not well-formed. */
export function parseXml(doc: string): XmlElement {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`not well-formed at ${i}: ${why}: ${JSON.stringify(doc.slice(i, i + 40))}`);
  };
  const skipSpace = () => {
    while (i < doc.length && /\s/.test(doc[i] ?? '')) i++;
  };
  const text = (until: string): string => {
    let out = '';
    while (i < doc.length && doc[i] !== until) {
      if (doc[i] === '&') {
        const m = ENTITY.exec(doc.slice(i));
        if (!m) fail('bare &');
        out += decode(m?.[0] ?? '');
        i += m?.[0].length ?? 0;
      } else if (doc[i] === '<' && until !== '<') fail('< in attribute');
      else out += doc[i++];
    }
    return out;
  };
  if (doc.startsWith('<?xml')) {
    const end = doc.indexOf('?>');
    if (end < 0) fail('unclosed declaration');
    i = end + 2;
  }
  const element = (): XmlElement => {
    if (doc[i] !== '<') fail('expected <');
    i++;
    const name = NAME.exec(doc.slice(i))?.[0] ?? fail('element name');
    i += name.length;
    const node: XmlElement = { name, attributes: {}, children: [], text: '' };
    for (;;) {
      skipSpace();
      if (doc.startsWith('/>', i)) {
        i += 2;
        return node;
      }
      if (doc[i] === '>') break;
      const attr = NAME.exec(doc.slice(i))?.[0] ?? fail('attribute name');
      i += attr.length;
      if (attr in node.attributes) fail(`duplicate attribute ${attr}`);
      if (doc[i++] !== '=') fail('expected =');
      const quote = doc[i++];
      if (quote !== '"' && quote !== "'") fail('unquoted attribute');
      node.attributes[attr] = text(quote ?? '"');
      i++;
    }
    i++;
    for (;;) {
      node.text += text('<');
      if (i >= doc.length) fail(`unclosed <${name}>`);
      if (doc.startsWith('</', i)) {
        i += 2;
        if (!doc.startsWith(name, i)) fail(`</…> does not close <${name}>`);
        i += name.length;
        skipSpace();
        if (doc[i++] !== '>') fail('expected >');
        return node;
      }
      node.children.push(element());
    }
  };
  skipSpace();
  const root = element();
  skipSpace();
  if (i !== doc.length) fail('content after the root element');
  return root;
}

function decode(entity: string): string {
  const named: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };
  if (named[entity]) return named[entity];
  const hex = entity.startsWith('&#x');
  return String.fromCodePoint(Number.parseInt(entity.slice(hex ? 3 : 2, -1), hex ? 16 : 10));
}

/** Every element of the tree, depth first. */
export function allElements(root: XmlElement): XmlElement[] {
  return [root, ...root.children.flatMap(allElements)];
}
