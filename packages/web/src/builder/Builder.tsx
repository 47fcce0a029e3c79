import type { Template, WorkspacePolicy } from '@veil/schema';
import { useState } from 'react';
import { href, navigate, useRoute } from '../app/router.js';
import { useLoad } from '../app/useLoad.js';
import { Loaded } from '../components/Status.js';
import { BuilderWorkspace } from './BuilderWorkspace.js';
import { recallPublished, rememberPublished } from './baselineCache.js';
import { builderApi } from './builderApi.js';
import { useBuilderText } from './builderText.js';
import { ImportPanel } from './ImportPanel.js';
import { ImportReportCard } from './ImportReportCard.js';
import type { ImportReport } from './importJsonSchema.js';
import { newTemplate } from './newTemplate.js';
import './builder.css';

interface Opened {
  template: Template;
  published: { version: number; template: Template | null } | null;
  stored: boolean;
}

/** The admin template builder (`#/builder`, `#/builder/<template id>`); loaded lazily. */
export function Builder() {
  const tx = useBuilderText();
  const route = useRoute();
  const routeId = route.segments[0] === 'builder' ? route.segments[1] : undefined;
  const [epoch, setEpoch] = useState(0);
  const policy = useLoad(() => builderApi.policy(), []);
  const list = useLoad(() => builderApi.list(), [epoch]);
  // A template made here (new or imported) that the server does not hold yet.
  const [local, setLocal] = useState<Opened | null>(null);
  const [serial, setSerial] = useState(0);
  const [importing, setImporting] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const opened = useLoad(async (): Promise<Opened | null> => {
    if (routeId === undefined) return null;
    const got = await builderApi.get(routeId);
    if (got.source === 'published') rememberPublished(got.template);
    const version = got.latestVersion;
    return {
      template: got.template,
      published:
        version === null
          ? null
          : {
              version,
              template: got.source === 'published' ? got.template : recallPublished(routeId, version),
            },
      stored: true,
    };
  }, [routeId]);

  const start = (template: Template, imported?: ImportReport) => {
    setImporting(false);
    setReport(imported ?? null);
    setLocal({ template, published: null, stored: false });
    setSerial((n) => n + 1);
    if (routeId !== undefined) navigate(href(['builder']));
  };
  const current = routeId === undefined ? local : opened.status === 'ok' ? opened.data : null;

  return (
    <section className="bld-screen" data-testid="builder-screen">
      <div className="screen-head">
        <h1>{tx('title')}</h1>
        <Loaded load={list}>
          {(entries) => (
            <select
              data-testid="builder-open"
              className="bld-open"
              value={routeId ?? ''}
              onChange={(e) => {
                setLocal(null);
                setReport(null);
                navigate(e.target.value ? href(['builder', e.target.value]) : href(['builder']));
              }}
            >
              <option value="">{tx('pick')}</option>
              {entries.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.title} ({t.id}) · {t.kind === 'draft' ? tx('draft') : `${tx('published')} v${t.version}`}
                </option>
              ))}
            </select>
          )}
        </Loaded>
        <button
          type="button"
          data-testid="builder-new"
          onClick={() => start(newTemplate(`template-${Date.now().toString(36)}`))}
        >
          + {tx('newTemplate')}
        </button>
        <button type="button" data-testid="builder-import" onClick={() => setImporting((v) => !v)}>
          {tx('import')}
        </button>
      </div>
      {importing && (
        <ImportPanel
          onImported={start}
          onCancel={() => setImporting(false)}
          policy={policy.status === 'ok' ? policy.data : undefined}
        />
      )}
      {report && <ImportReportCard report={report} onClose={() => setReport(null)} />}
      <Loaded load={policy}>
        {(p: WorkspacePolicy) => {
          if (routeId !== undefined && opened.status !== 'ok')
            return <Loaded load={opened}>{() => null}</Loaded>;
          if (!current) return <p className="muted bld-empty">{tx('empty')}</p>;
          return (
            <BuilderWorkspace
              key={routeId ?? `local:${serial}`}
              initial={current.template}
              policy={p}
              published={current.published}
              stored={current.stored}
              onStored={() => setEpoch((n) => n + 1)}
            />
          );
        }}
      </Loaded>
    </section>
  );
}
