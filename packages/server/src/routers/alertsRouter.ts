import { listMyAlerts } from '../guard/listAlerts.js';
import { authedProcedure, router } from '../trpc.js';

export const alertsRouter = router({
  /** The caller's alerts: a user they manage reached a read or export limit, or read heavily for hours. */
  mine: authedProcedure.query(({ ctx }) =>
    listMyAlerts({
      services: ctx.services,
      userId: ctx.session.userId,
      principal: ctx.session.principal,
      locale: ctx.locale,
    }),
  ),
});
