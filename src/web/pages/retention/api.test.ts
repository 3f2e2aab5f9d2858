import { describe, expect, it } from 'vitest';
import { LEGAL_HOLD_REASONS } from '../../../shared/schemas/retention.ts';
import { LEGAL_HOLD_REASON_OPTIONS } from './api.ts';

describe('legal-hold reasons in the web UI', () => {
  it('are exactly the reasons the API accepts', () => {
    expect([...LEGAL_HOLD_REASON_OPTIONS]).toEqual([...LEGAL_HOLD_REASONS]);
  });
});
