/**
 * Every k-element subset of {0, ..., n-1} in lexicographic order, e.g.
 * `[...subsets(3, 2)]` is [[0, 1], [0, 2], [1, 2]]. There are C(n, k) of them.
 */
export function* subsets(n: number, k: number): Generator<number[]> {
  if (k < 0 || k > n) return;
  const s = Array.from({ length: k }, (_, i) => i);
  while (true) {
    yield [...s];
    let i = k - 1;
    while (i >= 0 && s[i] === n - k + i) i--;
    if (i < 0) return;
    s[i]++;
    for (let j = i + 1; j < k; j++) s[j] = s[j - 1] + 1;
  }
}

/** C(n, k), exact for the sizes the solvers accept (it stops growing past `cap`). */
export function binomial(n: number, k: number, cap = Number.MAX_SAFE_INTEGER): number {
  if (k < 0 || k > n) return 0;
  k = Math.min(k, n - k);
  let c = 1;
  for (let i = 1; i <= k; i++) {
    c = (c * (n - k + i)) / i;
    if (c > cap) return cap;
  }
  return Math.round(c);
}
