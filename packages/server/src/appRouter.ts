import { alertsRouter } from './routers/alertsRouter.js';
import { auditRouter } from './routers/auditRouter.js';
import { authRouter } from './routers/authRouter.js';
import { consentsRouter } from './routers/consentsRouter.js';
import { exportsRouter } from './routers/exportsRouter.js';
import { importsRouter } from './routers/importsRouter.js';
import { poolRouter } from './routers/poolRouter.js';
import { recordsRouter } from './routers/recordsRouter.js';
import { retentionRouter } from './routers/retentionRouter.js';
import { sharesRouter } from './routers/sharesRouter.js';
import { subjectsRouter } from './routers/subjectsRouter.js';
import { teamRouter } from './routers/teamRouter.js';
import { templatesRouter } from './routers/templatesRouter.js';
import { usersRouter } from './routers/usersRouter.js';
import { workspaceRouter } from './routers/workspaceRouter.js';
import { router } from './trpc.js';

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  workspace: workspaceRouter,
  templates: templatesRouter,
  records: recordsRouter,
  exports: exportsRouter,
  shares: sharesRouter,
  audit: auditRouter,
  imports: importsRouter,
  team: teamRouter,
  alerts: alertsRouter,
  pool: poolRouter,
  subjects: subjectsRouter,
  retention: retentionRouter,
  consents: consentsRouter,
});

/** The API's type, for the web app (`import type { AppRouter } from '@veil/server'`). */
export type AppRouter = typeof appRouter;
