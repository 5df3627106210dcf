import { loadConfig } from './config';
import { requestPolicy, requestPolicyFrom } from './requestPolicy';

describe('request policy', () => {
  it('defaults to the manual: 15-day derogation wait, block after 6 months (SOLVIT 18), erase after 3 years', () => {
    expect(requestPolicy).toEqual({
      closeReminderIntervalDays: 14,
      closeReminderMax: 3,
      derogationWaitDays: 15,
      retentionBlockMonths: 6,
      solvitRetentionBlockMonths: 18,
      retentionEraseYears: 3,
    });
    expect(requestPolicyFrom(loadConfig({}))).toEqual(requestPolicy);
  });

  it('is overridden from the environment, one variable at a time', () => {
    const policy = requestPolicyFrom(loadConfig({ REQUEST_CLOSE_REMINDER_INTERVAL_DAYS: '7', REQUEST_CLOSE_REMINDER_MAX: '0', REQUEST_SOLVIT_RETENTION_BLOCK_MONTHS: '12' }));
    expect(policy).toEqual({ ...requestPolicy, closeReminderIntervalDays: 7, closeReminderMax: 0, solvitRetentionBlockMonths: 12 });
  });

  it('refuses nonsense with the variable named', () => {
    expect(() => loadConfig({ REQUEST_DEROGATION_WAIT_DAYS: 'soon' })).toThrow(/REQUEST_DEROGATION_WAIT_DAYS/);
    expect(() => loadConfig({ REQUEST_RETENTION_ERASE_YEARS: '0' })).toThrow(/REQUEST_RETENTION_ERASE_YEARS/);
  });
});
