/**
 * GET /api/requests/{id}/assignable-users: what the allocation dialog lists. The world is
 * test/requestWorld.ts (a German responder with two case handlers and an allocator).
 */
import { call, ok, outsider, reqHandler, respAllocator, respHandler, respHandler2, sent, useRequestWorld } from './requestWorld';

useRequestWorld();

describe('assignable users', () => {
  it("lists the responder's active case handlers to its allocator, and to nobody else", async () => {
    const id = await sent();
    const listed = await ok('GET', `/api/requests/${id}/assignable-users?party=responder`, respAllocator);
    expect(listed.data.map((u: { id: string }) => u.id).sort()).toEqual([respHandler.id, respHandler2.id].sort());
    // Names, not personal data of the case: the allocator's own colleagues.
    expect(Object.keys(listed.data[0]).sort()).toEqual(['firstName', 'id', 'lastName', 'username']);

    expect((await call('GET', `/api/requests/${id}/assignable-users?party=responder`, respHandler)).status).toBe(403);
    expect((await call('GET', `/api/requests/${id}/assignable-users?party=requester`, respAllocator)).status).toBe(403);
    expect((await call('GET', `/api/requests/${id}/assignable-users?party=responder`, outsider)).status).toBe(403);
    expect((await call('GET', `/api/requests/${id}/assignable-users?party=nobody`, respAllocator)).status).toBe(400);
    expect((await call('GET', `/api/requests/00000000-0000-4000-8000-000000000000/assignable-users?party=responder`, respAllocator)).status).toBe(404);
    expect((await call('GET', `/api/requests/${id}/assignable-users?party=responder`, reqHandler)).status).toBe(403);
  });
});
