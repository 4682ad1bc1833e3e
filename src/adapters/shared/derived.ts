/**
 * What a kind derives from its configurations (the call names it reads, the SQL functions it
 * looks for), computed once per adapter set rather than once per file: the list of
 * configurations a kind is handed is the same array for every file of one set.
 */
export function derivedFrom<C, T>(compute: (configs: readonly C[]) => T): (configs: readonly C[]) => T {
  const cache = new WeakMap<readonly C[], T>();
  return (configs) => {
    let value = cache.get(configs);
    if (value === undefined) {
      value = compute(configs);
      cache.set(configs, value);
    }
    return value;
  };
}
