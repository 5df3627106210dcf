import { authorityEditRights } from './authorityEdit';

const authority = { id: 'a-1', validatingCoordinatorId: 'c-1' };
const editor = (authorityId: string | null, ...roles: string[]) => ({ authorityId, roles: roles.map((role) => ({ role })) });

describe('authorityEditRights', () => {
  it.each([
    ['its local data administrator', editor('a-1', 'local-data-administrator'), true, false],
    ['an ordinary user of the authority', editor('a-1', 'case-handler'), false, false],
    ["a data administrator of the validating coordinator", editor('c-1', 'data-administrator'), true, true],
    ['a local data administrator of the validating coordinator', editor('c-1', 'local-data-administrator'), false, false],
    ['a data administrator of another coordinator', editor('c-2', 'data-administrator'), false, false],
    ['the helpdesk', editor(null, 'system-admin'), true, true],
    ['nobody (not logged in)', null, false, false],
  ])('%s: edit %s, official name %s', (_who, viewer, mayEdit, mayChangeOfficialName) => {
    expect(authorityEditRights(viewer, authority)).toEqual({ mayEdit, mayChangeOfficialName });
  });

  it('gives no coordinator rights to an authority without a validating coordinator', () => {
    expect(authorityEditRights(editor('c-1', 'data-administrator'), { id: 'a-1', validatingCoordinatorId: null })).toEqual({ mayEdit: false, mayChangeOfficialName: false });
  });
});
