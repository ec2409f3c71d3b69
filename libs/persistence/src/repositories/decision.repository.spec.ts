import type { DataSource } from 'typeorm';
import { DecisionRepository } from './decision.repository';

describe('DecisionRepository.lockStatement (the decision id is inlined into SQL)', () => {
  const repo = new DecisionRepository({} as DataSource);

  it.each(['0b3e1f52-7c1a-4d7e-9a55-2f0c7d1e9b10', '0B3E1F52-7C1A-4D7E-9A55-2F0C7D1E9B10', '00000000-0000-0000-0000-000000000000'])('inlines the UUID %s', (id) => {
    expect(repo.lockStatement(id)).toBe(`SELECT * FROM decisions WHERE id = '${id}' FOR UPDATE`);
  });

  it.each([
    '',
    "0b3e1f52-7c1a-4d7e-9a55-2f0c7d1e9b10' OR '1'='1",
    "'; DROP TABLE decisions; --",
    '0b3e1f52-7c1a-4d7e-9a55-2f0c7d1e9b10\n',
    ' 0b3e1f52-7c1a-4d7e-9a55-2f0c7d1e9b10',
    '{0b3e1f52-7c1a-4d7e-9a55-2f0c7d1e9b10}',
    '0b3e1f527c1a4d7e9a552f0c7d1e9b10',
    '0b3e1f52-7c1a-4d7e-9a55-2f0c7d1e9b1g',
  ])('refuses anything but a hyphenated UUID: %j', (id) => {
    expect(repo.lockStatement(id)).toBeUndefined();
  });
});
