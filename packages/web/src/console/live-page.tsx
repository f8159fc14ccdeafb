import type { AgentPresence, AgentStatus, LiveCall, QueueEntry } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { t } from '../i18n';
import { currentUser } from './auth';
import { consoleSocket } from './console-socket';
import { DataTable, TableSection } from './data-table';
import { presenceLabel } from './live-header';
import { elapsedSince, formatElapsed, useNow } from './queue-format';
import { LiveStatus } from './queue-page';
import './queue.css';

// Agents who can take a call come first, then the ones who will soon.
const statusOrder: Record<AgentStatus, number> = { available: 0, busy: 1, away: 2, offline: 3 };

/** Sorts agents by availability, then by name. */
export function sortAgents(agents: readonly AgentPresence[]): AgentPresence[] {
  return [...agents].sort(
    (a, b) => statusOrder[a.status] - statusOrder[b.status] || a.name.localeCompare(b.name),
  );
}

/**
 * `/console/live`, for supervisors and admins: the queue with its waits, every agent's status
 * and time in it, and the calls in progress with their duration. Updates live.
 */
export function LivePage(): JSX.Element {
  const user = currentUser.value;
  const live = consoleSocket.value;
  const now = useNow();

  if (user?.role === 'agent') {
    return (
      <>
        <h1>{t('livePage.title')}</h1>
        <p class="notice notice-info">{t('livePage.forSupervisors')}</p>
      </>
    );
  }

  const state = live?.queue.value ?? null;
  return (
    <>
      <div class="page-header">
        <h1>{t('livePage.title')}</h1>
        {live !== null ? <LiveStatus live={live} /> : null}
      </div>
      {state === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <div class="queue-sections">
          <Summary waiting={state.waiting} agents={state.agents} calls={state.calls} now={now} />
          <QueueSection waiting={state.waiting} now={now} />
          <AgentsSection agents={state.agents} now={now} />
          <CallsSection calls={state.calls} now={now} />
        </div>
      )}
    </>
  );
}

function Summary(props: {
  waiting: QueueEntry[];
  agents: AgentPresence[];
  calls: LiveCall[];
  now: number;
}): JSX.Element {
  const { waiting, agents, calls, now } = props;
  const oldest = waiting.reduce<string | null>(
    (first, entry) => (first === null || entry.queuedAt < first ? entry.queuedAt : first),
    null,
  );
  const available = agents.filter((agent) => agent.status === 'available').length;
  const signedIn = agents.filter((agent) => agent.status !== 'offline').length;

  return (
    <dl class="live-summary">
      <div class="live-tile">
        <dt>{t('livePage.waiting')}</dt>
        <dd>{waiting.length}</dd>
      </div>
      <div class="live-tile">
        <dt>{t('livePage.longestWait')}</dt>
        <dd>{oldest === null ? t('common.none') : elapsedSince(oldest, now)}</dd>
      </div>
      <div class="live-tile">
        <dt>{t('livePage.available')}</dt>
        <dd>{t('livePage.availableOf', { available, total: signedIn })}</dd>
      </div>
      <div class="live-tile">
        <dt>{t('livePage.inCalls')}</dt>
        <dd>{calls.filter((call) => call.status === 'active').length}</dd>
      </div>
    </dl>
  );
}

function QueueSection({ waiting, now }: { waiting: QueueEntry[]; now: number }): JSX.Element {
  return (
    <TableSection
      id="live-queue-title"
      title={t('livePage.queueTitle')}
      empty={t('queuePage.waitingEmpty')}
      isEmpty={waiting.length === 0}
    >
      <DataTable
        class="queue-table"
        columns={[
          t('queuePage.waited'),
          t('cases.customer'),
          t('case.productLine'),
          t('cases.status'),
        ]}
      >
        {waiting.map((entry) => (
          <tr key={entry.sessionId}>
            <td data-label={t('queuePage.waited')} class="cell-clock">
              {elapsedSince(entry.queuedAt, now)}
            </td>
            <td data-label={t('cases.customer')}>
              {entry.customerName ?? <span class="muted">{t('cases.unnamed')}</span>}
            </td>
            <td data-label={t('case.productLine')}>
              {entry.productLine?.name ?? <span class="muted">{t('common.none')}</span>}
            </td>
            <td data-label={t('cases.status')}>
              {entry.offeredTo !== null ? (
                <span class="status-tag status-tag-ringing">
                  {t('queuePage.ringingFor', { agent: entry.offeredTo.name })}
                </span>
              ) : (
                <span class="status-tag status-tag-waiting">{t('status.waiting')}</span>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </TableSection>
  );
}

function AgentsSection({ agents, now }: { agents: AgentPresence[]; now: number }): JSX.Element {
  return (
    <TableSection
      id="live-agents-title"
      title={t('livePage.agentsTitle')}
      empty={t('livePage.agentsEmpty')}
      isEmpty={agents.length === 0}
    >
      <DataTable
        class="queue-table"
        columns={[
          t('livePage.agent'),
          t('livePage.team'),
          t('cases.status'),
          t('livePage.inStatusFor'),
          t('livePage.skills'),
        ]}
      >
        {sortAgents(agents).map((agent) => (
          <tr key={agent.userId}>
            <td data-label={t('livePage.agent')}>{agent.name}</td>
            <td data-label={t('livePage.team')}>
              {agent.team?.name ?? <span class="muted">{t('common.none')}</span>}
            </td>
            <td data-label={t('cases.status')}>
              <span class="presence-cell">
                <span class={`presence-dot presence-${agent.status}`} aria-hidden="true" />
                {presenceLabel(agent.status, agent.busyReason)}
              </span>
            </td>
            <td data-label={t('livePage.inStatusFor')} class="cell-clock">
              {elapsedSince(agent.since, now)}
            </td>
            <td data-label={t('livePage.skills')}>
              {agent.skills.length === 0 ? (
                <span class="muted">{t('common.none')}</span>
              ) : (
                agent.skills.join(', ')
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </TableSection>
  );
}

function CallsSection({ calls, now }: { calls: LiveCall[]; now: number }): JSX.Element {
  return (
    <TableSection
      id="live-calls-title"
      title={t('livePage.callsTitle')}
      empty={t('livePage.callsEmpty')}
      isEmpty={calls.length === 0}
    >
      <DataTable
        class="queue-table"
        columns={[
          t('livePage.agent'),
          t('cases.customer'),
          t('case.productLine'),
          t('cases.status'),
          t('livePage.duration'),
        ]}
      >
        {calls.map((call) => (
          <tr key={call.sessionId}>
            <td data-label={t('livePage.agent')}>
              {call.agent?.name ?? <span class="muted">{t('common.none')}</span>}
            </td>
            <td data-label={t('cases.customer')}>
              {call.customerName ?? <span class="muted">{t('cases.unnamed')}</span>}
            </td>
            <td data-label={t('case.productLine')}>
              {call.productLine?.name ?? <span class="muted">{t('common.none')}</span>}
            </td>
            <td data-label={t('cases.status')}>
              <span class={`status-tag status-tag-${call.status}`}>
                {t(`status.${call.status}`)}
              </span>
            </td>
            <td data-label={t('livePage.duration')} class="cell-clock">
              {call.startedAt === null
                ? t('common.none')
                : formatElapsed(now - Date.parse(call.startedAt))}
            </td>
          </tr>
        ))}
      </DataTable>
    </TableSection>
  );
}
