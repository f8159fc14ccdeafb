import type { ReadonlySignal } from '@preact/signals';
import type { JSX } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { CallScreen } from './call-screen';
import type { CustomerCall } from './customer-call';
import type { EntryApp, EntryHost, EntryRoute } from './entry-app';
import { ConsentScreen, LoadingScreen, ProblemScreen } from './screens';
import { SurveyAfterCall } from './survey-screen';
import { WaitingRoom } from './waiting-room';

/** The lazily loaded chunk; a type-only import keeps it out of the page's first download. */
interface EntryModule {
  EntryApp: typeof EntryApp;
}

/**
 * Renders the customer page: the session's screens once there is a session, and before that the support
 * page or the code entry, which load on demand.
 */
export function CustomerRoot(props: {
  call: ReadonlySignal<CustomerCall | null>;
  entry: EntryRoute | null;
  host: EntryHost;
}): JSX.Element {
  const call = props.call.value;
  if (call !== null) {
    return <CustomerApp call={call} />;
  }
  if (props.entry === null) {
    return <LoadingScreen />;
  }
  return <EntryLoader route={props.entry} host={props.host} />;
}

function EntryLoader(props: { route: EntryRoute; host: EntryHost }): JSX.Element {
  const [entryModule, setEntryModule] = useState<EntryModule | null>(null);
  const [failed, setFailed] = useState(false);

  const load = useCallback(() => {
    import('./entry-app').then(setEntryModule, () => setFailed(true));
  }, []);
  useEffect(load, [load]);

  if (failed) {
    // Browsers remember a failed module import, so only a reload fetches the chunk again.
    return <ProblemScreen problem="unreachable" onRetry={() => location.reload()} />;
  }
  if (entryModule === null) {
    return <LoadingScreen />;
  }
  return <entryModule.EntryApp route={props.route} host={props.host} />;
}

export function CustomerApp({ call }: { call: CustomerCall }): JSX.Element {
  const screen = call.screen.value;
  switch (screen.kind) {
    case 'loading':
      return <LoadingScreen />;
    case 'consent':
      return <ConsentScreen call={call} />;
    case 'waiting':
      return <WaitingRoom call={call} />;
    case 'call':
      return <CallScreen call={call} />;
    case 'survey':
      return <SurveyAfterCall flow={call.survey} ending={screen.ending} />;
    case 'problem':
      return <ProblemScreen key={screen.problem} call={call} problem={screen.problem} />;
  }
}
