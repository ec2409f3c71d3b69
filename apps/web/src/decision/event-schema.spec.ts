import { eventFormSchema, eventRoles, resolveSchema, uiSchemaFor, withValueTitles } from './event-schema';

describe(eventFormSchema.name, () => {
  it('builds the opinion form from the API document, references resolved', () => {
    const schema = eventFormSchema('ISSUE_LEGALITY_OPINION')!;
    expect(schema.required).toEqual(expect.arrayContaining(['conclusion', 'authority', 'procedure', 'content', 'opinion']));
    expect(schema.properties!.conclusion.enum).toEqual(['LAWFUL', 'LAWFUL_WITH_RISKS', 'REVISE', 'UNLAWFUL']);
    expect(JSON.stringify(schema)).not.toContain('$ref');
  });

  it('resolves nested objects of arrays (experts) into their own fields', () => {
    const experts = eventFormSchema('APPOINT_EXPERTS')!.properties!.experts;
    expect(experts.items!.properties!.hasDirectInterest.type).toBe('boolean');
  });

  it('asks for an instant as a date and time', () => {
    expect(eventFormSchema('HOLD_MEETING')!.properties!.heldAt).toEqual({ type: 'string', format: 'date-time' });
  });

  it('has an empty form for an event without fields, and none for an event the API does not take', () => {
    expect(eventFormSchema('SUBMIT_FOR_COLLECTIVE_DISCUSSION')!.properties).toEqual({});
    expect(eventFormSchema('PUBLIC_COMMENT_ELAPSED')).toBeNull();
  });

  it('keeps no OpenAPI-only keyword a JSON Schema validator would refuse', () => {
    const text = JSON.stringify(resolveSchema({ type: 'object', properties: { a: { type: 'string', example: 'x', nullable: true } } }));
    expect(text).not.toMatch(/example|nullable/);
  });
});

describe(eventRoles.name, () => {
  it('reads the roles the API documents for an event', () => {
    expect(eventRoles('RECORD_DECISION')).toEqual(['head']);
    expect(eventRoles('UNKNOWN_EVENT')).toEqual([]);
  });
});

describe(uiSchemaFor.name, () => {
  it('labels every field in Chinese', () => {
    const ui = uiSchemaFor(eventFormSchema('RECORD_OPINION')!) as Record<string, Record<string, unknown>>;
    expect(ui.position['ui:title']).toBe('表态');
    expect(ui.text['ui:widget']).toBe('textarea');
  });
});

describe('material fields', () => {
  it('offer an upload for every field citing a material, in lists too', () => {
    const review = uiSchemaFor(eventFormSchema('SUBMIT_FOR_LEGALITY_REVIEW')!) as Record<string, Record<string, Record<string, unknown>>>;
    expect(review.materialIds.items['ui:widget']).toBe('material');
    const hearing = uiSchemaFor(eventFormSchema('RECORD_HEARING')!) as Record<string, Record<string, unknown>>;
    expect(hearing.recordMaterialId['ui:widget']).toBe('material');
    expect(hearing.participants['ui:widget']).toBeUndefined();
  });
});

describe(withValueTitles.name, () => {
  it('offers every enumerated value as a choice named in words', () => {
    const schema = withValueTitles(eventFormSchema('RECORD_OPINION')!);
    expect(schema.properties!.position.oneOf).toEqual([{ const: 'FOR', title: '同意' }, { const: 'AGAINST', title: '反对' }, { const: 'ABSTAIN', title: '弃权' }]);
    expect(schema.properties!.position.enum).toBeUndefined();
  });

  it('names categories by their statutory names', () => {
    expect(withValueTitles({ type: 'string', enum: ['CONSTRUCTION_PROJECT'] }).oneOf).toEqual([{ const: 'CONSTRUCTION_PROJECT', title: '重大公共建设项目' }]);
  });
});
