import { ExportRequest } from './ExportRequest.js';
import { ExportsScreen } from './ExportsScreen.js';
import { ShareScreen } from './ShareScreen.js';

/** The lazy chunk's screens: `#/exports`, `#/exports/new?template=&view=`, `#/share/<template>/<record>`. */
export function ExportsRoutes({ segments, query }: { segments: string[]; query: URLSearchParams }) {
  const [first, second, third] = segments;
  if (first === 'share' && second && third) return <ShareScreen templateId={second} recordId={third} />;
  if (second === 'new')
    return (
      <ExportRequest
        templateId={query.get('template') ?? undefined}
        viewId={query.get('view') ?? undefined}
      />
    );
  return <ExportsScreen />;
}
