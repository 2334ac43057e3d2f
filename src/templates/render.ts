import { Document, isMap, isScalar, isSeq, type Node } from 'yaml';

export type YamlPath = (string | number)[];

/** A template: plain values, comments placed before keys or items, and paths rendered as flow lists. */
export interface TemplateContent {
  header: string[];
  value: Record<string, unknown>;
  comments: [YamlPath, string][];
  flow: YamlPath[];
}

function findKeyNode(doc: Document, path: YamlPath): Node | undefined {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  const last = path[path.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
    return pair && isScalar(pair.key) ? pair.key : undefined;
  }
  if (isSeq(parent) && typeof last === 'number') return parent.items[last] as Node | undefined;
  return undefined;
}

/** Renders a template as commented YAML with the schema modeline editors use for completion. */
export function renderTemplate(content: TemplateContent): string {
  const doc = new Document(content.value, { aliasDuplicateObjects: false });
  for (const [path, text] of content.comments) {
    const node = findKeyNode(doc, path);
    if (!node) throw new Error(`template comment path not found: ${path.join('.')}`);
    node.commentBefore = text
      .split('\n')
      .map((l) => ` ${l}`)
      .join('\n');
  }
  for (const path of content.flow) {
    const node = doc.getIn(path, true);
    if (isSeq(node) || isMap(node)) node.flow = true;
  }
  const header = ['yaml-language-server: $schema=./org.schema.json', ...content.header]
    .map((l) => `#${l ? ` ${l}` : ''}`)
    .join('\n');
  return `${header}\n\n${doc.toString({ lineWidth: 0, flowCollectionPadding: false })}`;
}
