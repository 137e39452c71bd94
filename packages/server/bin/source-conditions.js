// A module resolution hook for running from source: every import also matches the
// "tracescribe-source" export condition, so "tracescribe" resolves to the engine's src/index.ts
// (which tsx compiles) instead of a dist/ that a fresh checkout does not have.
export async function resolve(specifier, context, nextResolve) {
  return nextResolve(specifier, { ...context, conditions: [...context.conditions, "tracescribe-source"] });
}
