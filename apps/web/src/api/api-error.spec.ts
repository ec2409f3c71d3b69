import { ApiError, explainError, explainReason } from './api-error';

describe(explainReason.name, () => {
  it("shows the API's own sentence when a person can read it (it names this case's figures)", () => {
    expect(explainReason({ code: 'HEARING_NOTICE_TOO_SHORT', message: '听证材料于听证会前 3.0 日送达，少于 7 日' })).toBe('听证材料于听证会前 3.0 日送达，少于 7 日');
  });

  it('explains the rule code in words instead of a sentence carrying codes or JSON', () => {
    expect(explainReason({ code: 'EVENT_NOT_ALLOWED', message: '当前状态（{"drafting":{"publicParticipation":"open"}}）不接受 PUBLISH' })).toBe('当前程序阶段不接受该事项。');
    expect(explainReason({ code: 'FORBIDDEN_ROLE', message: '提交 PUBLISH 需要以下角色之一：secretary' })).toBe('您的角色无权办理该事项。');
    expect(explainReason({ code: 'FORBIDDEN_ROLE', message: 'roles: legal_reviewer' })).toBe('您的角色无权办理该事项。');
  });

  it('says that something went wrong, with the code, when neither has words', () => {
    expect(explainReason({ code: 'NEW_RULE', message: 'NEW_RULE' })).toBe('发生错误：NEW_RULE');
  });
});

describe(explainError.name, () => {
  it('lists every reason of a refusal, and says so when the network failed', () => {
    const reasons = [{ code: 'STEPS_NOT_SETTLED', message: '公众参与、专家论证、风险评估尚未全部完成或依法免除' }, { code: 'LEGALITY_REVIEW_REQUIRED', message: 'LEGALITY_REVIEW_REQUIRED' }];
    const refusal = new ApiError(422, { statusCode: 422, code: 'STEPS_NOT_SETTLED', message: reasons[0].message, reasons });
    expect(explainError(refusal)).toEqual(['公众参与、专家论证、风险评估尚未全部完成或依法免除', '草案未经合法性审查或经审查不合法，不得提请集体讨论。']);
    expect(explainError(new TypeError('Failed to fetch'))).toEqual(['网络异常，无法连接服务器。']);
  });
});
