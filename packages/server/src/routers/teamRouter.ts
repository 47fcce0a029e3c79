import { can, capabilitiesOf, holds } from '@veil/policy';
import { z } from 'zod';
import { VeilError } from '../errors/veilError.js';
import { reassignRecords } from '../records/reassignRecords.js';
import { authedProcedure, router } from '../trpc.js';
import { mayOwnRecords } from './userAccountProcedures.js';

const id = z.string().min(1).max(200);

/**
 * A team's people for those who hand customers over (`records.reassign` on some relation) or
 * may see colleagues' names (`people.names`, staff by default): names of the people whose customers they see (their team's departments, everyone for a user
 * manager), never more than a name and whether they may own customers.
 */
export const teamRouter = router({
  names: authedProcedure.query(async ({ ctx }) => {
    const policy = await ctx.services.policies.workspacePolicy();
    const principal = ctx.session.principal;
    if (
      !holds(capabilitiesOf(policy, principal), 'records.reassign') &&
      !can(policy, principal, 'people.names')
    )
      throw new VeilError(
        'forbidden',
        ctx.locale === 'en'
          ? 'Your role does not see the names of colleagues.'
          : '您的角色不能查看同事姓名。',
      );
    const viewer = await ctx.services.policies.viewerFor(principal);
    const everyone = can(policy, principal, 'users.manage');
    const members = new Set(everyone ? [] : await ctx.services.policies.teamMembers(viewer));
    members.add(principal.id);
    const users = everyone
      ? await ctx.services.store.listDocs('users', { active: true })
      : (await Promise.all([...members].map((u) => ctx.services.store.getDoc('users', u)))).filter(
          (u) => u?.active === true,
        );
    const people: { id: string; name: string; mayOwn: boolean }[] = [];
    for (const user of users) {
      if (!user) continue;
      people.push({ id: user.id, name: user.name, mayOwn: await mayOwnRecords(ctx.services, user.roles) });
    }
    return { people };
  }),

  /** Hands one customer or a selection to another owner inside the caller's reach; audited. */
  reassign: authedProcedure
    .input(z.strictObject({ templateId: id, ids: z.array(id).min(1).max(200), to: id }))
    .mutation(({ ctx, input }) =>
      reassignRecords(
        { services: ctx.services, principal: ctx.session.principal, locale: ctx.locale },
        input,
      ),
    ),
});
