import { CST } from 'yaml';

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
 * Counts the aliases among the lexer's tokens of a file (the cheapest pass there is), and points at
 * the first one past the limit. Offsets advance as the YAML parser advances them: the markers the
 * lexer inserts before scalars and around documents take no room in the source.
 */
export function checkAliasCount(lexemes: readonly string[]): LimitProblem | undefined {
  let offset = 0;
  let aliases = 0;
  let atScalar = false;
  for (const lexeme of lexemes) {
    if (atScalar) {
      atScalar = false;
      offset += lexeme.length;
      continue;
    }
    const type = CST.tokenType(lexeme);
    if (type === 'scalar') {
      atScalar = true;
      continue;
    }
    if (type === 'alias' && ++aliases > MAX_ALIASES) return aliasCountProblem(offset);
    if (type !== 'doc-mode' && type !== 'flow-error-end') offset += lexeme.length;
  }
  return undefined;
}

/**
 * Checks the parsed-but-not-composed tokens of a file for nesting, before the YAML library composes
 * a document from them (which recurses once per level). Walks with its own stack, so any depth is
 * checked without recursion.
 */
export function checkYamlNesting(tokens: readonly CST.Token[]): LimitProblem | undefined {
  const stack: [CST.Token, number][] = tokens.map((t) => [t, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    switch (token.type) {
      case 'document':
        if (token.value) stack.push([token.value, depth]);
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
  return undefined;
}
