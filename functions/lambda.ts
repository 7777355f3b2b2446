import { lazyLambdaHandler } from './lambda-handler.js';

/** The API Lambda: every route but the Excel group, which runs in functions/lambda-excel.ts. */
export const handler = lazyLambdaHandler(['core']);
