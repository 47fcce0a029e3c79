// Small timing helpers for suites. Timings are wall-clock milliseconds from performance.now().

/** Milliseconds one call of `fn` takes. */
function time(fn) {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** The median of `reps` timings of `fn` (after one untimed call). */
export function medianTime(fn, reps) {
  fn();
  const samples = [];
  for (let i = 0; i < Math.max(1, reps); i++) samples.push(time(fn));
  samples.sort((a, b) => a - b);
  return samples[Math.floor((samples.length - 1) / 2)];
}

/** Rounds for reports: 3 significant digits, at most 3 decimals. */
export function round(x) {
  return Number.isFinite(x) ? Number(Number(x.toPrecision(3)).toFixed(3)) : x;
}
