import { mayAppointRole, mayManageAccess, mayRegister, mayValidate, type PolicyActorKind, type RegistrationContext } from './adminRoles';
import { authorityKinds, contentRoles, type AuthorityKind, type ContentRole } from '../../schema/authority';

const actors: PolicyActorKind[] = ['NIMIC', 'super-DIMIC', 'LIMIC', 'DIMIC', 'CA', 'system-admin'];

/** A registration in one country, in the super-DIMIC's region, with no LIMIC yet for the area. */
const sameCountry: RegistrationContext = {
  actorCountryCode: 'DE',
  targetCountryCode: 'DE',
  targetInActorRegion: true,
  existingLimicsInRegionForArea: 0,
  existingLimicsInCountryForArea: 0,
};

type Yes = 'yes';
type No = 'no';
const Y: Yes = 'yes';
const N: No = 'no';

/** ch. 9.1.1 table, rows "Kan registrere/validere …": actor → target. */
const registerTable: Record<PolicyActorKind, Record<AuthorityKind, Yes | No>> = {
  NIMIC: { NIMIC: N, 'super-DIMIC': Y, LIMIC: Y, DIMIC: Y, CA: Y },
  'super-DIMIC': { NIMIC: N, 'super-DIMIC': N, LIMIC: Y, DIMIC: Y, CA: Y },
  LIMIC: { NIMIC: N, 'super-DIMIC': N, LIMIC: N, DIMIC: Y, CA: Y },
  DIMIC: { NIMIC: N, 'super-DIMIC': N, LIMIC: N, DIMIC: N, CA: Y },
  CA: { NIMIC: N, 'super-DIMIC': N, LIMIC: N, DIMIC: N, CA: N },
  'system-admin': { NIMIC: Y, 'super-DIMIC': N, LIMIC: N, DIMIC: N, CA: N },
};

/** ch. 9.1.1 table, rows "Kan forvalte adgang til lovgivningsområder og arbejdsgange for …". */
const manageAccessTable: Record<PolicyActorKind, Record<AuthorityKind, Yes | No>> = {
  NIMIC: { NIMIC: N, 'super-DIMIC': Y, LIMIC: Y, DIMIC: Y, CA: Y },
  'super-DIMIC': { NIMIC: N, 'super-DIMIC': N, LIMIC: Y, DIMIC: Y, CA: Y },
  LIMIC: { NIMIC: N, 'super-DIMIC': N, LIMIC: N, DIMIC: Y, CA: Y },
  DIMIC: { NIMIC: N, 'super-DIMIC': N, LIMIC: N, DIMIC: N, CA: Y },
  CA: { NIMIC: N, 'super-DIMIC': N, LIMIC: N, DIMIC: N, CA: N },
  'system-admin': { NIMIC: Y, 'super-DIMIC': Y, LIMIC: Y, DIMIC: Y, CA: Y },
};

/** ch. 9.1.1 table, rows "Kan tildele rollen …" / "Kan udpege …": [actor's area is Services, it is not]. */
const appointTable: Record<PolicyActorKind, Record<ContentRole, [Yes | No, Yes | No]>> = {
  NIMIC: { authority: [Y, Y], 'request-coordinator': [Y, Y], 'alert-authority': [Y, Y], 'alert-coordinator': [Y, Y], 'alert-mailbox': [Y, Y] },
  'super-DIMIC': { authority: [Y, Y], 'request-coordinator': [Y, Y], 'alert-authority': [Y, Y], 'alert-coordinator': [Y, Y], 'alert-mailbox': [Y, Y] },
  LIMIC: { authority: [Y, Y], 'request-coordinator': [Y, Y], 'alert-authority': [Y, N], 'alert-coordinator': [Y, N], 'alert-mailbox': [Y, N] },
  DIMIC: { authority: [Y, Y], 'request-coordinator': [Y, Y], 'alert-authority': [Y, Y], 'alert-coordinator': [N, N], 'alert-mailbox': [N, N] },
  CA: { authority: [N, N], 'request-coordinator': [N, N], 'alert-authority': [N, N], 'alert-coordinator': [N, N], 'alert-mailbox': [N, N] },
  'system-admin': { authority: [Y, Y], 'request-coordinator': [Y, Y], 'alert-authority': [Y, Y], 'alert-coordinator': [Y, Y], 'alert-mailbox': [Y, Y] },
};

function expectDecision(decision: ReturnType<typeof mayRegister>, expected: Yes | No) {
  if (expected === Y) {
    expect(decision).toEqual({ ok: true });
  } else {
    expect(decision.ok).toBe(false);
    if (decision.ok) return;
    expect(decision.rejection.code).toBe('NotAllowed');
    expect(decision.rejection.message.length).toBeGreaterThan(20);
  }
}

describe('admin-role table (ch. 9.1.1)', () => {
  describe('register', () => {
    for (const actor of actors) {
      for (const target of authorityKinds) {
        const expected = registerTable[actor][target];
        it(`${actor} registers ${target} → ${expected}`, () => expectDecision(mayRegister(actor, target, sameCountry), expected));
      }
    }
  });

  describe('validate', () => {
    for (const actor of actors) {
      for (const target of authorityKinds) {
        const expected = registerTable[actor][target];
        it(`${actor} validates ${target} → ${expected}`, () => {
          const decision = mayValidate(actor, target, sameCountry);
          expectDecision(decision, expected);
          if (!decision.ok) expect(decision.rejection.message).toMatch(/validate/);
        });
      }
    }
  });

  describe('manage area and workflow access', () => {
    for (const actor of actors) {
      for (const target of authorityKinds) {
        const expected = manageAccessTable[actor][target];
        it(`${actor} manages access of ${target} → ${expected}`, () => expectDecision(mayManageAccess(actor, target), expected));
      }
    }
  });

  describe('appoint content roles', () => {
    for (const actor of actors) {
      for (const role of contentRoles) {
        const [inServices, elsewhere] = appointTable[actor][role];
        it(`${actor} appoints ${role} (Services area) → ${inServices}`, () =>
          expectDecision(mayAppointRole(actor, role, { actorAreaIsServices: true }), inServices));
        it(`${actor} appoints ${role} (other area) → ${elsewhere}`, () =>
          expectDecision(mayAppointRole(actor, role, { actorAreaIsServices: false }), elsewhere));
      }
    }
  });
});

describe('special rules', () => {
  const reason = (d: ReturnType<typeof mayRegister>) => (d.ok ? null : d.rejection.message);

  it('a super-DIMIC cannot register another super-DIMIC, and says so', () => {
    expect(reason(mayRegister('super-DIMIC', 'super-DIMIC', sameCountry))).toMatch(/cannot register other super-DIMICs/);
  });

  it('a super-DIMIC registers only one LIMIC per legislation area in its region', () => {
    expect(mayRegister('super-DIMIC', 'LIMIC', { ...sameCountry, existingLimicsInRegionForArea: 0 })).toEqual({ ok: true });
    expect(reason(mayRegister('super-DIMIC', 'LIMIC', { ...sameCountry, existingLimicsInRegionForArea: 1 }))).toMatch(/only one LIMIC per legislation area in its region/);
    expect(reason(mayValidate('super-DIMIC', 'LIMIC', { ...sameCountry, existingLimicsInRegionForArea: 2 }))).toMatch(/only one LIMIC/);
  });

  it('the super-DIMIC limit counts its region, not the whole country', () => {
    expect(mayRegister('super-DIMIC', 'LIMIC', { ...sameCountry, existingLimicsInRegionForArea: 0, existingLimicsInCountryForArea: 3 })).toEqual({ ok: true });
  });

  it('a super-DIMIC cannot register a LIMIC outside its region', () => {
    expect(reason(mayRegister('super-DIMIC', 'LIMIC', { ...sameCountry, targetInActorRegion: false }))).toMatch(/in its own region/);
    expect(reason(mayRegister('super-DIMIC', 'LIMIC', { ...sameCountry, targetInActorRegion: undefined }))).toMatch(/in its own region/);
  });

  it('a super-DIMIC may register DIMICs and CAs whatever the LIMIC count', () => {
    expect(mayRegister('super-DIMIC', 'DIMIC', { ...sameCountry, existingLimicsInRegionForArea: 1 })).toEqual({ ok: true });
    expect(mayRegister('super-DIMIC', 'CA', { ...sameCountry, existingLimicsInRegionForArea: 1 })).toEqual({ ok: true });
  });

  it('refuses to decide a super-DIMIC LIMIC registration without the region count', () => {
    expect(reason(mayRegister('super-DIMIC', 'LIMIC', { ...sameCountry, existingLimicsInRegionForArea: undefined }))).toMatch(/not known/);
  });

  it('a NIMIC registers only one LIMIC per legislation area in the country', () => {
    expect(reason(mayRegister('NIMIC', 'LIMIC', { ...sameCountry, existingLimicsInCountryForArea: 1 }))).toMatch(/only one LIMIC per legislation area/);
    expect(reason(mayRegister('NIMIC', 'LIMIC', { ...sameCountry, existingLimicsInCountryForArea: undefined }))).toMatch(/not known/);
  });

  for (const [actor, target] of [['NIMIC', 'CA'], ['super-DIMIC', 'DIMIC'], ['LIMIC', 'CA'], ['DIMIC', 'CA'], ['NIMIC', 'LIMIC']] as const) {
    it(`${actor} cannot register a ${target} of another country`, () => {
      expect(reason(mayRegister(actor, target, { ...sameCountry, targetCountryCode: 'AT' }))).toMatch(/own country \(DE\), not of AT/);
      expect(reason(mayValidate(actor, target, { ...sameCountry, targetCountryCode: 'AT' }))).toMatch(/own country/);
    });
  }

  it('a coordinator cannot manage the access of an authority of another country', () => {
    expect(mayManageAccess('LIMIC', 'CA', { actorCountryCode: 'DK', targetCountryCode: 'DK' })).toEqual({ ok: true });
    expect(reason(mayManageAccess('LIMIC', 'CA', { actorCountryCode: 'DK', targetCountryCode: 'SE' }))).toMatch(/own country \(DK\), not of SE/);
  });

  it('the helpdesk is not bound to a country', () => {
    expect(mayRegister('system-admin', 'NIMIC', { ...sameCountry, targetCountryCode: 'AT' })).toEqual({ ok: true });
    expect(mayManageAccess('system-admin', 'CA', { actorCountryCode: 'EU', targetCountryCode: 'AT' })).toEqual({ ok: true });
  });

  it('a coordinator registering a coordinator must rank higher, and the reason says so', () => {
    for (const [actor, target] of [['DIMIC', 'DIMIC'], ['DIMIC', 'LIMIC'], ['LIMIC', 'LIMIC'], ['LIMIC', 'super-DIMIC']] as const) {
      expect(reason(mayRegister(actor, target, sameCountry))).toMatch(/must rank higher/);
    }
    expect(reason(mayManageAccess('LIMIC', 'LIMIC'))).toMatch(/higher-ranking coordinator/);
  });

  it('only the helpdesk registers a NIMIC; it registers nothing below it', () => {
    expect(reason(mayRegister('NIMIC', 'NIMIC', sameCountry))).toMatch(/Only the helpdesk/);
    expect(reason(mayRegister('system-admin', 'CA', sameCountry))).toMatch(/helpdesk only registers NIMICs/);
  });

  it('a competent authority neither registers nor manages access, whatever the facts', () => {
    expect(reason(mayRegister('CA', 'CA', sameCountry))).toMatch(/competent authority cannot register/);
    expect(reason(mayManageAccess('CA', 'CA'))).toMatch(/cannot manage access/);
  });

  it('explains the Services condition of a LIMIC appointing alert roles', () => {
    expect(reason(mayAppointRole('LIMIC', 'alert-mailbox', { actorAreaIsServices: false }))).toMatch(/LIMIC of the Services area/);
    expect(reason(mayAppointRole('DIMIC', 'alert-coordinator', { actorAreaIsServices: true }))).toMatch(/DIMIC cannot appoint the alert-coordinator role/);
  });
});
