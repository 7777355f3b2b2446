/**
 * Domain errors. Use-cases and adapters throw these; the one HTTP error mapper in
 * functions/http/errors.ts turns them into rules §7's `{error: {code, message, details}}` shape.
 * Messages are zh-CN because they reach users as they are.
 */
export interface ErrorDetail {
  path: string;
  message: string;
}

export type DomainErrorKind =
  | 'validation' // 400
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'payload_too_large' // 413
  | 'rule_violation' // 422
  | 'rate_limited' // 429
  | 'unavailable'; // 503

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** snake_case, stable: clients branch on it. */
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options);
    this.name = 'DomainError';
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }

  /** When set, the answer carries `Retry-After` (seconds): a rate limit, a request still in flight. */
  readonly retryAfterSeconds?: number;
}

export class ValidationError extends DomainError {
  constructor(code: string, message: string, details: ErrorDetail[] = []) {
    super('validation', code, message, details);
  }
}

export class NotFoundError extends DomainError {
  constructor(code = 'not_found', message = '资源不存在') {
    super('not_found', code, message);
  }
}

export class ConflictError extends DomainError {
  constructor(code = 'conflict', message = '数据已被他人修改，请刷新后重试', options?: { cause?: unknown }) {
    super('conflict', code, message, [], options);
  }
}

export class ForbiddenError extends DomainError {
  constructor(code = 'forbidden', message = '无权执行此操作') {
    super('forbidden', code, message);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(code = 'unauthenticated', message = '请先登录') {
    super('unauthenticated', code, message);
  }
}

export class RuleViolationError extends DomainError {
  constructor(code: string, message: string, details: ErrorDetail[] = []) {
    super('rule_violation', code, message, details);
  }
}

export class UnavailableError extends DomainError {
  constructor(code = 'service_unavailable', message = '服务暂时不可用，请稍后重试', options?: { cause?: unknown }) {
    super('unavailable', code, message, [], options);
  }
}

export class RateLimitedError extends DomainError {
  constructor(retryAfterSeconds: number, message = '请求过于频繁，请稍后重试') {
    super('rate_limited', 'rate_limited', message, [], { retryAfterSeconds });
  }
}
