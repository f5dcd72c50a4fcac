import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/client';
import { STATUS_LABELS, STATUS_ORDER, titleOf, writeFailureMessage } from '../src/lib/application-status';

describe('application statuses in the dashboard', () => {
  it('orders the board as the API sends its columns', () => {
    expect(STATUS_ORDER).toEqual([
      'MATCHED',
      'INTERESTED',
      'PREPARING',
      'APPLIED',
      'INTERVIEW',
      'OFFER',
      'REJECTED',
      'ARCHIVED',
    ]);
    expect(STATUS_ORDER.map((status) => STATUS_LABELS[status])).toContain('Interview');
  });

  it('says what a refused write means and what to do', () => {
    expect(writeFailureMessage(new ApiError(401, 'UNAUTHORIZED', 'Missing Authorization header.'))).toMatch(
      /Enter the API token/,
    );
    expect(writeFailureMessage(new ApiError(403, 'FORBIDDEN', 'Wrong token.'))).toBe(
      'The API refused the token: Wrong token. Check the token above.',
    );
    expect(writeFailureMessage(new ApiError(409, 'CONFLICT', 'now APPLIED'))).toMatch(
      /^Someone else changed this posting since you loaded it\..*\(now APPLIED\)$/,
    );
    expect(writeFailureMessage(new ApiError(400, 'INVALID_INPUT', 'notes: too long'))).toBe('notes: too long');
  });

  it('names an untitled posting', () => {
    expect(titleOf({ title: '  ' })).toBe('Untitled posting');
    expect(titleOf({ title: 'Data Analyst' })).toBe('Data Analyst');
  });
});
