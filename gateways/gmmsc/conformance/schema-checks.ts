// --xsd: every envelope the run exchanged (requests, answers, callbacks and the suite's replies) is
// validated against the user's MM7 schema. Without --xsd the suite judges structure only.
import { fail, pass, skip, type ConformanceCheck } from './conformance-check.ts';

export const schemaChecks: ConformanceCheck[] = [
  {
    id: 'schema.envelopes',
    title: 'every envelope exchanged validates against the MM7 XSD given with --xsd (skipped without --xsd)',
    clause: '§8.7 MM7 XML schema (REL-x-MM7-1-y.xsd)',
    async run(ctx) {
      if (!ctx.validateAll) return skip('no --xsd directory given: structural checks only');
      const problems = await ctx.validateAll();
      return problems.length ? fail(problems.slice(0, 6).join(' | ') + (problems.length > 6 ? ` (+${problems.length - 6} more)` : '')) : pass();
    },
  },
];
