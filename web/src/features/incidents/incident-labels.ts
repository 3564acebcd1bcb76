import type { ClassificationStage, Outcome, Phase } from '#contracts/incidents.ts';

export const phaseLabel: Record<Phase, string> = {
  triage: 'Triage',
  response: 'Response',
  eradication: 'Eradication',
  recovery: 'Recovery',
  closed: 'Closed',
  post_analysis_done: 'Post-analysis done',
};

export const outcomeLabel: Record<Outcome, string> = {
  resolved: 'Resolved',
  partially_resolved: 'Partially resolved',
  not_resolved: 'Not resolved',
  false_positive: 'False positive',
  duplicate: 'Duplicate',
};

export const stageLabel: Record<ClassificationStage, string> = {
  initial: 'Initial',
  resolution: 'Resolution',
  final: 'Final',
};

export const OPEN_PHASES: Phase[] = ['triage', 'response', 'eradication', 'recovery'];
export const isOpenPhase = (phase: Phase) => OPEN_PHASES.includes(phase);

// Mirrors the server's transition rules so the page offers only moves that can succeed; the server
// still decides. Closing and reopening need their own dialogs, so they are not listed here.
const forward: Record<Phase, Phase[]> = {
  triage: ['response'],
  response: ['eradication', 'recovery'],
  eradication: ['recovery'],
  recovery: [],
  // The lessons tab's "Mark review done" moves a closed incident on.
  closed: [],
  post_analysis_done: [],
};

export const nextPhases = (phase: Phase): Phase[] => forward[phase];
