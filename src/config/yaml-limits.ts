import type { CST } from 'yaml';

// Bounds on what one spec file may make the loader do. Real specs stay far below each: an OU tree
// five levels deep with a policy document inside nests about 20 levels; a spec for 10,000 accounts
// that gives each one `tags: *defaults` has 10,000 aliases.

/** Mappings and lists nested inside each other, aliases expanded. */
export const MAX_NESTING = 64;
/** Alias nodes (`*name`) in one file. */
export const MAX_ALIASES = 10_000;
/** Values (scalars, mappings, lists) that aliases may add to one file once expanded. */
export const MAX_ALIAS_VALUES = 200_000;

/** A limit a file goes over, at a character offset of that file. */
export interface LimitProblem {
  code: string;
  message: string;
  hint: string;
  offset: number;
}

export const TOO_DEEP_HINT =
  'a spec needs far fewer levels: look for unbalanced brackets, or an alias used inside deeply nested values';

function aliasCountProblem(offset: number): LimitProblem {
  return {
    code: 'E-YAML-ALIAS-LIMIT',
    message: `more than ${MAX_ALIASES.toLocaleString('en-US')} aliases in one file`,
    hint: 'write the values out, or split the spec with `include:`',
    offset,
  };
}

function tooDeepProblem(offset: number): LimitProblem {
  return {
    code: 'E-YAML-TOO-DEEP',
    message: `values are nested more than ${MAX_NESTING} levels deep`,
    hint: TOO_DEEP_HINT,
    offset,
  };
}

type Item = { key?: CST.Token | null; value?: CST.Token | null };

/**
 * Checks the parsed-but-not-composed tokens of a file for nesting and alias count, before the YAML
 * library composes a document from them (which recurses once per level and visits every alias).
 * Walks with its own stack, so any depth is checked without recursion.
 */
export function checkYamlStructure(tokens: readonly CST.Token[]): LimitProblem | undefined {
  const stack: [CST.Token, number][] = tokens.map((t) => [t, 0]);
  const aliases: number[] = [];
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    switch (token.type) {
      case 'document':
        if (token.value) stack.push([token.value, depth]);
        break;
      case 'alias':
        aliases.push(token.offset);
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        if (depth + 1 > MAX_NESTING) return tooDeepProblem(token.offset);
        for (const item of token.items as Item[]) {
          if (item.key) stack.push([item.key, depth + 1]);
          if (item.value) stack.push([item.value, depth + 1]);
        }
        break;
      }
      default:
        break;
    }
  }
  if (aliases.length <= MAX_ALIASES) return undefined;
  // Point at the first alias past the limit, in the order the file has them.
  return aliasCountProblem(aliases.sort((a, b) => a - b)[MAX_ALIASES]!);
}
