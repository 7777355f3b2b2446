import { lazyLambdaHandler } from './lambda-handler.js';

/**
 * The Excel Lambda: imports and .xlsx exports, the only code that loads exceljs. API Gateway routes
 * their paths here (infra/constructs/api.ts), everything else to functions/lambda.ts.
 */
export const handler = lazyLambdaHandler(['excel']);
