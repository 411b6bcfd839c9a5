/**
 * Industry audits (Jiangsu guideline 6–7, Appendix B): one registration per contract endpoint, no logic.
 */
import { api } from '@cpaudit/contract';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { registerEndpoint, serviceContext } from '../http/register.ts';
import { getAnalysis, putAnalysisSection } from '../services/audits/analysis.ts';
import {
  createAudit,
  getAudit,
  listAudits,
  transitionAudit,
  updateAudit,
  updateAuditPhase,
} from '../services/audits/audits.ts';
import {
  addEnterprise,
  candidates,
  dataCollection,
  listEnterprises,
  removeEnterprise,
  updateEnterprise,
} from '../services/audits/enterprises.ts';
import { assignExpert, listExperts, unassignExpert } from '../services/audits/experts.ts';
import {
  createFocus,
  deleteFocus,
  listFocuses,
  scoreFocuses,
  updateFocus,
} from '../services/audits/focus.ts';
import {
  addPanelMember,
  getWorkPlan,
  listPanel,
  removePanelMember,
  updatePanelMember,
} from '../services/audits/panel.ts';
import { createPlanTask, deletePlanTask, listPlanTasks, updatePlanTask } from '../services/audits/plan.ts';
import { createProblem, deleteProblem, listProblems, updateProblem } from '../services/audits/problems.ts';
import { createSurvey, deleteSurvey, listSurveys, updateSurvey } from '../services/audits/surveys.ts';
import {
  createTarget,
  deleteTarget,
  listTargets,
  targetCompletionOf,
  updateTarget,
} from '../services/audits/targets.ts';
import {
  createTraining,
  deleteTraining,
  listTrainings,
  updateTraining,
} from '../services/audits/trainings.ts';

export function auditsRoutes(app: FastifyInstance, deps: AppDeps): void {
  const ctx = (args: Parameters<typeof serviceContext>[1]) => serviceContext(deps, args);

  registerEndpoint(app, 'listAudits', api.listAudits, (a) => listAudits(ctx(a), a.query));
  registerEndpoint(app, 'createAudit', api.createAudit, (a) => createAudit(ctx(a), a.body));
  registerEndpoint(app, 'getAudit', api.getAudit, (a) => getAudit(ctx(a), a.params.id));
  registerEndpoint(app, 'updateAudit', api.updateAudit, (a) => updateAudit(ctx(a), a.params.id, a.body));
  registerEndpoint(app, 'transitionAudit', api.transitionAudit, (a) =>
    transitionAudit(ctx(a), a.params.id, a.body),
  );
  registerEndpoint(app, 'updateAuditPhase', api.updateAuditPhase, (a) =>
    updateAuditPhase(ctx(a), a.params.id, a.params.phase, a.body),
  );
  registerEndpoint(app, 'getAuditWorkPlan', api.getAuditWorkPlan, (a) => getWorkPlan(ctx(a), a.params.id));

  registerEndpoint(app, 'listAuditPanel', api.listAuditPanel, (a) => listPanel(ctx(a), a.params.id, a.query));
  registerEndpoint(app, 'addAuditPanelMember', api.addAuditPanelMember, (a) =>
    addPanelMember(ctx(a), a.params.id, a.body),
  );
  registerEndpoint(app, 'updateAuditPanelMember', api.updateAuditPanelMember, (a) =>
    updatePanelMember(ctx(a), a.params.id, a.params.memberId, a.body),
  );
  registerEndpoint(app, 'removeAuditPanelMember', api.removeAuditPanelMember, (a) =>
    removePanelMember(ctx(a), a.params.id, a.params.memberId, a.query.version),
  );

  registerEndpoint(app, 'listAuditEnterprises', api.listAuditEnterprises, (a) =>
    listEnterprises(ctx(a), a.params.id, a.query),
  );
  registerEndpoint(app, 'addAuditEnterprise', api.addAuditEnterprise, (a) =>
    addEnterprise(ctx(a), a.params.id, a.body),
  );
  registerEndpoint(app, 'updateAuditEnterprise', api.updateAuditEnterprise, (a) =>
    updateEnterprise(ctx(a), a.params.id, a.params.enterpriseId, a.body),
  );
  registerEndpoint(app, 'removeAuditEnterprise', api.removeAuditEnterprise, (a) =>
    removeEnterprise(ctx(a), a.params.id, a.params.enterpriseId, a.query.version),
  );
  registerEndpoint(app, 'listAuditCandidates', api.listAuditCandidates, (a) =>
    candidates(ctx(a), a.params.id),
  );
  registerEndpoint(app, 'rankAuditCandidates', api.rankAuditCandidates, (a) =>
    candidates(ctx(a), a.params.id, a.body),
  );
  registerEndpoint(app, 'getAuditDataCollection', api.getAuditDataCollection, (a) =>
    dataCollection(ctx(a), a.params.id, a.query),
  );

  registerEndpoint(app, 'listAuditTrainings', api.listAuditTrainings, (a) =>
    listTrainings(ctx(a), a.params.id, a.query),
  );
  registerEndpoint(app, 'createAuditTraining', api.createAuditTraining, (a) =>
    createTraining(ctx(a), a.params.id, a.body),
  );
  registerEndpoint(app, 'updateAuditTraining', api.updateAuditTraining, (a) =>
    updateTraining(ctx(a), a.params.id, a.params.trainingId, a.body),
  );
  registerEndpoint(app, 'deleteAuditTraining', api.deleteAuditTraining, (a) =>
    deleteTraining(ctx(a), a.params.id, a.params.trainingId, a.query.version),
  );

  registerEndpoint(app, 'listAuditSiteSurveys', api.listAuditSiteSurveys, (a) =>
    listSurveys(ctx(a), a.params.id, a.query),
  );
  registerEndpoint(app, 'createAuditSiteSurvey', api.createAuditSiteSurvey, (a) =>
    createSurvey(ctx(a), a.params.id, a.body),
  );
  registerEndpoint(app, 'updateAuditSiteSurvey', api.updateAuditSiteSurvey, (a) =>
    updateSurvey(ctx(a), a.params.id, a.params.surveyId, a.body),
  );
  registerEndpoint(app, 'deleteAuditSiteSurvey', api.deleteAuditSiteSurvey, (a) =>
    deleteSurvey(ctx(a), a.params.id, a.params.surveyId, a.query.version),
  );

  registerEndpoint(app, 'getAuditAnalysis', api.getAuditAnalysis, (a) =>
    getAnalysis(ctx(a), a.params.id, a.query.enterpriseId),
  );
  registerEndpoint(app, 'putAuditAnalysisSection', api.putAuditAnalysisSection, (a) =>
    putAnalysisSection(ctx(a), a.params.id, a.params.section, a.body),
  );

  registerEndpoint(app, 'listAuditFocuses', api.listAuditFocuses, (a) =>
    listFocuses(ctx(a), a.params.id, a.query),
  );
  registerEndpoint(app, 'createAuditFocus', api.createAuditFocus, (a) =>
    createFocus(ctx(a), a.params.id, a.body),
  );
  registerEndpoint(app, 'updateAuditFocus', api.updateAuditFocus, (a) =>
    updateFocus(ctx(a), a.params.id, a.params.focusId, a.body),
  );
  registerEndpoint(app, 'deleteAuditFocus', api.deleteAuditFocus, (a) =>
    deleteFocus(ctx(a), a.params.id, a.params.focusId, a.query.version),
  );
  registerEndpoint(app, 'scoreAuditFocuses', api.scoreAuditFocuses, (a) =>
    scoreFocuses(ctx(a), a.params.id, a.body),
  );

  registerEndpoint(app, 'listAuditTargets', api.listAuditTargets, (a) =>
    listTargets(ctx(a), a.params.id, a.query),
  );
  registerEndpoint(app, 'createAuditTarget', api.createAuditTarget, (a) =>
    createTarget(ctx(a), a.params.id, a.body),
  );
  registerEndpoint(app, 'updateAuditTarget', api.updateAuditTarget, (a) =>
    updateTarget(ctx(a), a.params.id, a.params.targetId, a.body),
  );
  registerEndpoint(app, 'deleteAuditTarget', api.deleteAuditTarget, (a) =>
    deleteTarget(ctx(a), a.params.id, a.params.targetId, a.query.version),
  );
  registerEndpoint(app, 'getAuditTargetCompletion', api.getAuditTargetCompletion, (a) =>
    targetCompletionOf(ctx(a), a.params.id),
  );

  registerEndpoint(app, 'listAuditProblems', api.listAuditProblems, (a) =>
    listProblems(ctx(a), a.params.id, a.query),
  );
  registerEndpoint(app, 'createAuditProblem', api.createAuditProblem, (a) =>
    createProblem(ctx(a), a.params.id, a.body),
  );
  registerEndpoint(app, 'updateAuditProblem', api.updateAuditProblem, (a) =>
    updateProblem(ctx(a), a.params.id, a.params.problemId, a.body),
  );
  registerEndpoint(app, 'deleteAuditProblem', api.deleteAuditProblem, (a) =>
    deleteProblem(ctx(a), a.params.id, a.params.problemId, a.query.version),
  );

  registerEndpoint(app, 'listAuditPlanTasks', api.listAuditPlanTasks, (a) =>
    listPlanTasks(ctx(a), a.params.id, a.query),
  );
  registerEndpoint(app, 'createAuditPlanTask', api.createAuditPlanTask, (a) =>
    createPlanTask(ctx(a), a.params.id, a.body),
  );
  registerEndpoint(app, 'updateAuditPlanTask', api.updateAuditPlanTask, (a) =>
    updatePlanTask(ctx(a), a.params.id, a.params.taskId, a.body),
  );
  registerEndpoint(app, 'deleteAuditPlanTask', api.deleteAuditPlanTask, (a) =>
    deletePlanTask(ctx(a), a.params.id, a.params.taskId, a.query.version),
  );

  registerEndpoint(app, 'listAuditExperts', api.listAuditExperts, (a) => listExperts(ctx(a), a.params.id));
  registerEndpoint(app, 'assignAuditExpert', api.assignAuditExpert, (a) =>
    assignExpert(ctx(a), a.params.id, a.body),
  );
  registerEndpoint(app, 'unassignAuditExpert', api.unassignAuditExpert, (a) =>
    unassignExpert(ctx(a), a.params.id, a.params.assignmentId, a.query.version),
  );
}
