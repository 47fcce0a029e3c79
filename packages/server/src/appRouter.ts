import { auditRouter } from './routers/auditRouter.js';
import { authRouter } from './routers/authRouter.js';
import { exportsRouter } from './routers/exportsRouter.js';
import { importsRouter } from './routers/importsRouter.js';
import { recordsRouter } from './routers/recordsRouter.js';
import { sharesRouter } from './routers/sharesRouter.js';
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
});

/** The API's type, for the web app (`import type { AppRouter } from '@veil/server'`). */
export type AppRouter = typeof appRouter;
