import { loadConfig } from './config';
import { alertPolicy, alertPolicyFrom, parseIsoDuration } from './alertPolicy';
import { defaultAlertPolicy } from '../workflows/alert/commands';

const minute = 60_000;
const day = 24 * 60 * minute;

describe('alert policy', () => {
  it('defaults to the manual: 7-day comment period, 14-day objection period, erasure 6 months after closure', () => {
    expect(alertPolicy).toEqual({ commentPeriodMs: 7 * day, objectionPeriodMs: 14 * day, erasureAfterMs: 183 * day });
    expect(alertPolicy).toEqual(defaultAlertPolicy);
    expect(alertPolicyFrom(loadConfig({}))).toEqual(alertPolicy);
  });

  it('is overridden from the environment with ISO 8601 durations, one variable at a time', () => {
    expect(alertPolicyFrom(loadConfig({ ALERT_COMMENT_PERIOD: 'PT1M', ALERT_OBJECTION_PERIOD: 'pt1m' }))).toEqual({ ...alertPolicy, commentPeriodMs: minute, objectionPeriodMs: minute });
    expect(alertPolicyFrom(loadConfig({ ALERT_ERASURE_AFTER: 'P1Y' }))).toEqual({ ...alertPolicy, erasureAfterMs: 365 * day });
  });

  it('reads the parts of a duration', () => {
    expect(parseIsoDuration('P6M')).toBe(183 * day);
    expect(parseIsoDuration('P1W2DT3H4M5S')).toBe(9 * day + 3 * 60 * minute + 4 * minute + 5000);
    for (const bad of ['', 'P', 'PT', 'P1DT', '7d', '7', 'P-1D', 'P1.5D']) expect(parseIsoDuration(bad)).toBeNull();
  });

  it('refuses nonsense with the variable named', () => {
    expect(() => loadConfig({ ALERT_COMMENT_PERIOD: '7 days' })).toThrow(/ALERT_COMMENT_PERIOD must be an ISO 8601 duration/);
    expect(() => loadConfig({ ALERT_OBJECTION_PERIOD: 'P2Y' })).toThrow(/ALERT_OBJECTION_PERIOD must be between/);
    expect(() => loadConfig({ ALERT_ERASURE_AFTER: 'PT0S' })).toThrow(/ALERT_ERASURE_AFTER/);
  });
});
