import type { Locale } from './locale';

type Texts = { 'zh-CN': string; en: string };
const t = (zh: string, en: string): Texts => ({ 'zh-CN': zh, en });

/**
 * Every HTTP-level message a person can see (errors of validation, authentication, routing,
 * limits), in Chinese and English. `{name}` is replaced by the parameter of that name.
 */
export const HTTP_MESSAGES = {
  // 400
  BAD_REQUEST: t('请求无效', 'Bad request'),
  VALIDATION_FAILED: t('请求参数无效', 'Invalid request'),
  MALFORMED_JSON: t('请求体不是合法的 JSON', 'Malformed JSON body'),
  UNSAFE_JSON_KEY: t('请求体不得包含键 "{key}"', 'JSON body must not contain the key "{key}"'),
  JSON_TOO_DEEP: t('请求体嵌套超过 {max} 层', 'JSON body nests deeper than {max} levels'),
  BODY_NOT_OBJECT: t('请求体须为 JSON 对象 {type, ...字段}', 'body must be a JSON object {type, ...fields}'),
  EVENT_TYPE_UNKNOWN: t('type 须为以下事项之一：{types}', 'type must be one of: {types}'),
  IF_MATCH_INVALID: t('If-Match 须为带引号的决策版本号，例如 "3"', 'If-Match must be the decision version in quotes, e.g. "3"'),
  IDEMPOTENCY_KEY_INVALID: t('Idempotency-Key 须为 1 至 200 个可见 ASCII 字符', 'Idempotency-Key must be 1-200 visible ASCII characters'),
  // 400, one field: {field} is its path (experts.0.name)
  FIELD_REQUIRED: t('{field} 为必填项', '{field} is required'),
  FIELD_REQUIRED_OR: t('{field} 与 {other} 须提供其一', 'one of {field} and {other} is required'),
  FIELD_EXCLUDES: t('{field} 不得与 {other} 同时提供', '{field} must not be given together with {other}'),
  FIELD_UNKNOWN: t('不允许的字段 {field}', '{field} is not an allowed field'),
  FIELD_STRING: t('{field} 须为字符串', '{field} must be a string'),
  FIELD_NOT_EMPTY: t('{field} 不能为空', '{field} must not be empty'),
  FIELD_MAX_LENGTH: t('{field} 不能超过 {max} 个字符', '{field} must be at most {max} characters long'),
  FIELD_MIN_LENGTH: t('{field} 不能少于 {min} 个字符', '{field} must be at least {min} characters long'),
  FIELD_WELL_FORMED: t('{field} 含有不允许的字符（NUL 或不成对的代理项）', '{field} must be well-formed text (no NUL characters or lone surrogates)'),
  FIELD_INSTANT: t('{field} 须为带时区的 ISO-8601 时间，例如 2026-12-01T09:00:00+08:00', '{field} must be an ISO-8601 date-time with a time zone, e.g. 2026-12-01T09:00:00+08:00'),
  FIELD_ARRAY: t('{field} 须为数组', '{field} must be an array'),
  FIELD_ARRAY_MIN: t('{field} 至少须有 {min} 项', '{field} must have at least {min} items'),
  FIELD_ARRAY_MAX: t('{field} 最多 {max} 项', '{field} must have at most {max} items'),
  FIELD_ONE_OF: t('{field} 须为以下值之一：{values}', '{field} must be one of: {values}'),
  FIELD_BOOLEAN: t('{field} 须为布尔值 true 或 false', '{field} must be true or false'),
  FIELD_INTEGER: t('{field} 须为整数', '{field} must be an integer'),
  FIELD_NUMBER: t('{field} 须为数字', '{field} must be a number'),
  FIELD_MIN: t('{field} 不能小于 {min}', '{field} must not be less than {min}'),
  FIELD_MAX: t('{field} 不能大于 {max}', '{field} must not be greater than {max}'),
  FIELD_UUID: t('{field} 须为 UUID', '{field} must be a UUID'),
  FIELD_EQUALS: t('{field} 只能为 {value}', '{field} must be {value}'),
  FIELD_OBJECT: t('{field} 须为对象（或对象数组）', '{field} must be an object (or an array of objects)'),
  FIELD_URL: t('{field} 须为 http 或 https 地址', '{field} must be an http or https URL'),
  FIELD_INVALID: t('{field} 无效', '{field} is invalid'),
  YEAR_INVALID: t('{field} 须为四位数字的年份，例如 2026', '{field} must be a 4-digit year, e.g. 2026'),
  FIELD_TEXT_OR_OBJECT: t('{field} 的每一项须为名称（非空文字）或对象 {shape}', 'each item of {field} must be a name (non-empty text) or an object {shape}'),
  EACH_ITEM: t('{field} 的每一项', 'each item of {field}'),
  // 401
  TOKEN_MISSING: t('缺少访问令牌（Authorization: Bearer <JWT>）', 'Missing bearer token (Authorization: Bearer <JWT>)'),
  TOKEN_HEADER_MALFORMED: t('Authorization 头须为 "Bearer <JWT>"', 'Authorization header must be "Bearer <JWT>"'),
  TOKEN_INVALID: t('访问令牌无效', 'Invalid token'),
  TOKEN_EXPIRED: t('访问令牌已过期', 'Token expired'),
  TOKEN_NOT_YET_VALID: t('访问令牌尚未生效', 'Token not yet valid'),
  TOKEN_ISSUED_IN_FUTURE: t('访问令牌的签发时间晚于当前时间', 'Token issued in the future'),
  TOKEN_LIFETIME_TOO_LONG: t('访问令牌有效期超过允许的 {max} 秒', 'Token lifetime exceeds the allowed {max} seconds'),
  TOKEN_CLAIM_INVALID: t('访问令牌的声明 "{claim}" 缺失或无效', 'Token claim "{claim}" is missing or invalid'),
  TOKEN_ROLES_INVALID: t('访问令牌的角色声明 "{claim}" 须为以下角色组成的非空列表：{roles}', 'Token claim "{claim}" must be a non-empty list of: {roles}'),
  TOKEN_RESERVED_IDENTITY: t('"system" 是引擎保留的身份和角色，不得出现在访问令牌中', '"system" is reserved for the engine and may not appear in a token'),
  TOKEN_ISSUER_UNTRUSTED: t('访问令牌不是由受信任的身份提供方签发的', 'Token was not issued by a trusted identity provider'),
  TOKEN_AUDIENCE_MISMATCH: t('访问令牌的受众（aud）不是本系统', 'Token audience (aud) is not this service'),
  ROUTE_NEEDS_ACTOR: t('该接口需要已认证的用户', 'This route needs an authenticated caller'),
  // 403, 404, 405, 413, 415, 429
  FORBIDDEN_ROLE_ENDPOINT: t('该接口需要以下角色之一：{roles}', 'This endpoint requires one of the roles: {roles}'),
  FORBIDDEN: t('无权执行该操作', 'Forbidden'),
  NOT_FOUND: t('{resource}不存在', '{resource} not found'),
  ROUTE_NOT_FOUND: t('请求的地址不存在：{method} {path}', 'No such endpoint: {method} {path}'),
  METHOD_NOT_ALLOWED: t('该地址不支持此请求方法', 'Method not allowed'),
  PAYLOAD_TOO_LARGE: t('请求体超过大小限制', 'Request body too large'),
  UNSUPPORTED_MEDIA_TYPE: t('不支持的请求内容类型', 'Unsupported media type'),
  TOO_MANY_REQUESTS: t('请求过于频繁，请稍后再试', 'Too many requests, retry later'),
  // 5xx
  INTERNAL_ERROR: t('服务器内部错误', 'Internal server error'),
  DATABASE_UNAVAILABLE: t('数据库暂时不可用，请稍后重试', 'The database is unavailable; retry shortly'),
  IDENTITY_PROVIDER_UNAVAILABLE: t('身份认证服务暂时不可用，请稍后重试', 'The identity provider is unavailable; retry shortly'),
  HTTP_ERROR: t('请求失败（HTTP {status}）', 'Request failed (HTTP {status})'),
} satisfies Record<string, Texts>;

export type MessageKey = keyof typeof HTTP_MESSAGES;
export type MessageParams = Record<string, string | number>;

/** A message to show, rendered in the caller's language when the response is written. */
export interface Message {
  key: MessageKey;
  params?: MessageParams;
  /** the rule applies to each item of the list `params.field` */
  each?: boolean;
}

/** Names of the resources of NOT_FOUND, by the English name the services use (`DomainError.notFound('decision')`). */
export const RESOURCE_NAMES: Readonly<Record<string, Texts>> = {
  resource: t('请求的资源', 'Resource'),
  decision: t('决策事项', 'Decision'),
  material: t('材料', 'Material'),
  catalogue: t('决策事项目录', 'Catalogue'),
  consultation: t('征求意见', 'Consultation'),
  jurisdiction: t('行政区域', 'Jurisdiction'),
  unit: t('单位', 'Unit'),
  comment: t('公众意见', 'Comment'),
  'comment group': t('意见分组', 'Comment group'),
  asset: t('文件', 'Asset'),
  'draft file': t('草案文件', 'Draft file'),
};

/** Renders `message` in `locale`; a parameter missing stays visible as `{name}`. */
export function render(locale: Locale, message: Message): string {
  let params = message.params ?? {};
  if (message.each && params.field !== undefined) params = { ...params, field: render(locale, { key: 'EACH_ITEM', params: { field: params.field } }) };
  return HTTP_MESSAGES[message.key][locale].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
