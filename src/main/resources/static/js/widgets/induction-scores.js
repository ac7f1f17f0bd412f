// The arithmetic of the induction demo, apart from its drawing so that it can be checked on its own.
// probabilities is the attention API's [layer][head][query][key]; tokens are the ids the model read.

/**
 * For every query that repeats an earlier token, the positions just after that token's earlier
 * occurrences (an induction head's targets), when they lie before the query.
 */
export function inductionTargets(tokens) {
  const targets = [];
  tokens.forEach((id, q) => {
    const after = [];
    for (let j = 0; j + 1 < q; j += 1) {
      if (tokens[j] === id) {
        after.push(j + 1);
      }
    }
    if (after.length > 0) {
      targets.push({ query: q, keys: after });
    }
  });
  return targets;
}

/**
 * Per head: the mean weight repeated tokens put on their targets (induction), the mean weight every
 * query after the first puts on the previous position (previous token), and what uniform attention
 * over the visible positions would give for the induction targets (chance).
 */
export function headScores(probabilities, tokens) {
  const targets = inductionTargets(tokens);
  const chance = targets.length === 0 ? 0
    : targets.reduce((sum, t) => sum + t.keys.length / (t.query + 1), 0) / targets.length;
  const heads = [];
  probabilities.forEach((layer, l) => layer.forEach((rows, h) => {
    const induction = targets.length === 0 ? 0
      : targets.reduce((sum, t) => sum + t.keys.reduce((s, k) => s + rows[t.query][k], 0), 0) / targets.length;
    let previous = 0;
    for (let q = 1; q < rows.length; q += 1) {
      previous += rows[q][q - 1];
    }
    previous = rows.length > 1 ? previous / (rows.length - 1) : 0;
    heads.push({ layer: l, head: h, induction, previous });
  }));
  return { heads, chance, repeats: targets.length };
}
