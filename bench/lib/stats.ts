/** Order statistics for small samples (nearest-rank percentiles: every value reported was measured). */
export interface Summary {
  n: number;
  medianMs: number | null;
  worstMs: number | null;
}

export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? null;
}

export function summarize(values: readonly number[]): Summary {
  return {
    n: values.length,
    medianMs: percentile(values, 50),
    worstMs: values.length === 0 ? null : Math.max(...values),
  };
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

export function round(value: number | null, digits = 3): number | null {
  if (value === null) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
