import { fieldsForMachine } from './machine-payload';

describe(fieldsForMachine.name, () => {
  const meeting = { meetingType: 'EXECUTIVE', membersTotal: 3, attendees: [{ name: '副县长甲' }, { name: '县长', sub: 'head-1' }] };

  it('sends v2 fields as the form has them', () => {
    expect(fieldsForMachine(2, meeting)).toEqual(meeting);
  });

  it('sends attendees and advisers by name to a decision on machine v1', () => {
    expect(fieldsForMachine(1, meeting)).toEqual({ ...meeting, attendees: ['副县长甲', '县长'] });
    expect(fieldsForMachine(1, { conclusion: 'LAWFUL', advisers: [{ name: '王某', kind: 'LEGAL_ADVISER', opinion: '合法' }] })).toEqual({ conclusion: 'LAWFUL', advisers: ['王某'] });
  });
});
