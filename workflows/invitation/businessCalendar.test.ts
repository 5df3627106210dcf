import { DateTime } from 'luxon';
import { dispatchTimeFor, isWorkingDay, nextWorkingDay } from './businessCalendar';

const cph = 'Europe/Copenhagen';
/** A local wall-clock time in a zone, as the instant it is. */
const local = (iso: string, zone = cph) => DateTime.fromISO(iso, { zone }).toJSDate();
const dispatch = (iso: string, zone = cph, holidays: string[] = []) => dispatchTimeFor(local(iso, zone), zone, holidays).toISOString();

// 2026: Mon 2 Mar … Fri 6 Mar, Sat 7, Sun 8; DST starts Sun 29 Mar, ends Sun 25 Oct.
describe('business calendar: dispatch time of a submitted invitation', () => {
  it('sends at once what is submitted before 10:00 on a working day', () => {
    expect(dispatch('2026-03-04T09:59:59.999')).toBe(local('2026-03-04T09:59:59.999').toISOString());
    expect(dispatch('2026-03-04T00:00')).toBe(local('2026-03-04T00:00').toISOString());
  });

  it('sends what is submitted after 10:00 in the night after the next working day', () => {
    // Wednesday 11:00 → next working day Thursday → the night to Friday, 00:00.
    expect(dispatch('2026-03-04T11:00')).toBe(local('2026-03-06T00:00').toISOString());
  });

  it('counts exactly 10:00 as after 10:00', () => {
    expect(dispatch('2026-03-04T10:00')).toBe(local('2026-03-06T00:00').toISOString());
  });

  it('sends what is submitted on Friday after 10:00 in the night to Tuesday', () => {
    expect(dispatch('2026-03-06T10:30')).toBe(local('2026-03-10T00:00').toISOString());
    expect(DateTime.fromISO(dispatch('2026-03-06T23:59'), { zone: cph }).toFormat('cccc HH:mm')).toBe('Tuesday 00:00');
  });

  it('treats Saturday and Sunday submissions (even early ones) like Friday afternoon: the night to Tuesday', () => {
    expect(dispatch('2026-03-07T08:00')).toBe(local('2026-03-10T00:00').toISOString());
    expect(dispatch('2026-03-07T15:00')).toBe(local('2026-03-10T00:00').toISOString());
    expect(dispatch('2026-03-08T09:00')).toBe(local('2026-03-10T00:00').toISOString());
  });

  it('skips a public holiday that would have been the next working day', () => {
    // Easter Monday 2026-04-06 is a holiday: Thursday 2 Apr and Good Friday 3 Apr too (Denmark).
    const easter = ['2026-04-02', '2026-04-03', '2026-04-06'];
    // Wednesday 1 Apr 11:00 → next working day Tuesday 7 Apr → Wednesday 8 Apr 00:00.
    expect(dispatch('2026-04-01T11:00', cph, easter)).toBe(local('2026-04-08T00:00').toISOString());
    // Without holidays it would be Friday 3 Apr 00:00.
    expect(dispatch('2026-04-01T11:00')).toBe(local('2026-04-03T00:00').toISOString());
    // Before 10:00 on a holiday is not a working-day morning: it waits too.
    expect(dispatch('2026-04-02T08:00', cph, easter)).toBe(local('2026-04-08T00:00').toISOString());
  });

  it('keeps local midnight in the week summer time starts in Copenhagen', () => {
    // Friday 27 Mar 11:00 CET (UTC+1) → Tuesday 31 Mar 00:00 CEST (UTC+2) = 30 Mar 22:00Z.
    expect(dispatch('2026-03-27T11:00')).toBe('2026-03-30T22:00:00.000Z');
    // Monday 30 Mar: 07:30Z is 09:30 CEST (before the cut-off), 08:30Z is 10:30 CEST (after it),
    // although both would be before 10:00 in winter time.
    expect(dispatchTimeFor(new Date('2026-03-30T07:30:00Z'), cph, []).toISOString()).toBe('2026-03-30T07:30:00.000Z');
    expect(dispatchTimeFor(new Date('2026-03-30T08:30:00Z'), cph, []).toISOString()).toBe('2026-03-31T22:00:00.000Z');
  });

  it('keeps local midnight in the week summer time ends in Copenhagen', () => {
    // Friday 23 Oct 11:00 CEST → Tuesday 27 Oct 00:00 CET (UTC+1) = 26 Oct 23:00Z.
    expect(dispatch('2026-10-23T11:00')).toBe('2026-10-26T23:00:00.000Z');
    // Monday 26 Oct: 08:30Z is 09:30 CET (before), 09:30Z is 10:30 CET (after).
    expect(dispatchTimeFor(new Date('2026-10-26T08:30:00Z'), cph, []).toISOString()).toBe('2026-10-26T08:30:00.000Z');
    expect(dispatchTimeFor(new Date('2026-10-26T09:30:00Z'), cph, []).toISOString()).toBe('2026-10-27T23:00:00.000Z');
    // Saturday 24 Oct afternoon → Tuesday 27 Oct 00:00 CET, across the Sunday change.
    expect(dispatch('2026-10-24T15:00')).toBe('2026-10-26T23:00:00.000Z');
  });

  it('uses the coordinator’s own zone: the same instant is before 10:00 in Lisbon and after it in Helsinki', () => {
    const instant = new Date('2026-06-10T08:30:00Z'); // Wednesday: 09:30 in Lisbon (WEST), 11:30 in Helsinki (EEST)
    expect(dispatchTimeFor(instant, 'Europe/Lisbon', []).toISOString()).toBe(instant.toISOString());
    // Helsinki: next working day Thursday → Friday 12 Jun 00:00 EEST = 11 Jun 21:00Z.
    expect(dispatchTimeFor(instant, 'Europe/Helsinki', []).toISOString()).toBe('2026-06-11T21:00:00.000Z');
    // Lisbon after its own 10:00 → Friday 00:00 WEST = 11 Jun 23:00Z.
    expect(dispatchTimeFor(new Date('2026-06-10T09:30:00Z'), 'Europe/Lisbon', []).toISOString()).toBe('2026-06-11T23:00:00.000Z');
  });

  it('refuses an unknown time zone', () => {
    expect(() => dispatchTimeFor(new Date(), 'Europe/Atlantis', [])).toThrow(/Unknown time zone/);
  });
});

describe('business calendar: working days', () => {
  it('knows weekends and configured holidays', () => {
    const day = (iso: string) => DateTime.fromISO(iso, { zone: cph });
    expect(isWorkingDay(day('2026-03-06'))).toBe(true);
    expect(isWorkingDay(day('2026-03-07'))).toBe(false);
    expect(isWorkingDay(day('2026-03-08'))).toBe(false);
    expect(isWorkingDay(day('2026-12-25'), ['2026-12-25'])).toBe(false);
    expect(nextWorkingDay(day('2026-12-24T15:00'), ['2026-12-25']).toISODate()).toBe('2026-12-28');
  });
});
