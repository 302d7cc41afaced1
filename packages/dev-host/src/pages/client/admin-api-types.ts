// The rule studio's answer types, from the rest client (one place for the contract's shapes).
export type {
  AssignmentRulesPreview,
  AssignmentRulesVersion,
  AssignmentRulesVersionDetail,
  PreviewChange,
  PreviewCounts,
  PreviewEvaluation,
  PreviewOwner,
} from '@crmkit/rest-client';
