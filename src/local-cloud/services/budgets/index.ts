import type { Operation, ResourceResolver } from '../registry.js';
import { defineService } from '../registry.js';
import {
  createBudget,
  deleteBudget,
  describeBudget,
  describeBudgetPerformanceHistory,
  describeBudgets,
  updateBudget,
} from './budgets.js';
import { budgetResource } from './common.js';
import {
  createNotification,
  createSubscriber,
  deleteNotification,
  deleteSubscriber,
  describeNotificationsForBudget,
  describeSubscribersForNotification,
  updateNotification,
  updateSubscriber,
} from './notifications.js';
import { budgetsJobs } from './schedule.js';
import { BUDGETS_TABLES } from './tables.js';
import { listTagsForResource, tagResource, untagResource } from './tags.js';

/*
 * IAM: Budgets authorizes reads as budgets:ViewBudget and writes as budgets:ModifyBudget (Service Authorization
 * Reference), on the budget `arn:aws:budgets::<account>:budget/<name>`; tagging has its own actions.
 */
const view = (handler: Operation['handler']): Operation => ({
  handler,
  resource: budgetResource,
  action: 'budgets:ViewBudget',
});
const modify = (handler: Operation['handler'], resource: ResourceResolver = budgetResource): Operation => ({
  handler,
  resource,
  action: 'budgets:ModifyBudget',
});
const newBudgetResource: ResourceResolver = (input, env) => {
  const b = input.NewBudget;
  const name = typeof b === 'object' && b !== null ? (b as Record<string, unknown>).BudgetName : undefined;
  return budgetResource({ AccountId: input.AccountId, BudgetName: name }, env);
};
const byArn: ResourceResolver = (input) => (typeof input.ResourceARN === 'string' ? input.ResourceARN : '*');

/**
 * AWS Budgets (awsJson1_1, X-Amz-Target prefix AWSBudgetServiceGateway, signing name budgets, global: us-east-1):
 * cost budgets with notifications and subscribers, evaluated against the local cloud's synthetic bill (evaluation.ts)
 * on every write and by a job at each UTC midnight.
 */
export const budgetsService = defineService({
  name: 'budgets',
  protocol: 'json',
  signingName: 'budgets',
  targetPrefix: 'AWSBudgetServiceGateway',
  global: true,
  unsignedPayload: false,
  operations: {
    CreateBudget: modify(createBudget, budgetResourceOfBudget()),
    DescribeBudget: view(describeBudget),
    DescribeBudgets: view(describeBudgets),
    UpdateBudget: modify(updateBudget, newBudgetResource),
    DeleteBudget: modify(deleteBudget),
    DescribeBudgetPerformanceHistory: view(describeBudgetPerformanceHistory),
    CreateNotification: modify(createNotification),
    UpdateNotification: modify(updateNotification),
    DeleteNotification: modify(deleteNotification),
    DescribeNotificationsForBudget: view(describeNotificationsForBudget),
    CreateSubscriber: modify(createSubscriber),
    UpdateSubscriber: modify(updateSubscriber),
    DeleteSubscriber: modify(deleteSubscriber),
    DescribeSubscribersForNotification: view(describeSubscribersForNotification),
    TagResource: { handler: tagResource, resource: byArn },
    UntagResource: { handler: untagResource, resource: byArn },
    ListTagsForResource: { handler: listTagsForResource, resource: byArn },
  },
  tables: BUDGETS_TABLES,
  jobs: budgetsJobs,
  throttleError: { code: 'ThrottlingException', message: 'Rate exceeded', status: 400 },
  internalError: { code: 'InternalErrorException', message: 'An internal error occurred.', status: 500 },
});

function budgetResourceOfBudget(): ResourceResolver {
  return (input, env) => {
    const b = input.Budget;
    const name = typeof b === 'object' && b !== null ? (b as Record<string, unknown>).BudgetName : undefined;
    return budgetResource({ AccountId: input.AccountId, BudgetName: name }, env);
  };
}
