export {
  type RetrainScheduler,
  type RetrainSchedulerOptions,
  startRetrainScheduler,
} from "./retrain-scheduler";
export {
  DEFAULT_REFIT_RULE,
  LearningError,
  type LearningErrorCode,
  type LearningPorts,
  type PolicyTraining,
  type RefitRule,
  refitDue,
  type SkipReason,
  type TargetTraining,
  type TrainOptions,
  trainPolicy,
  trainTargets,
} from "./train-policy";
export { OUTCOME_WEIGHTS, parseRecords, trainingSetFor } from "./training-set";
