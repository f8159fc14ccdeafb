import type { JSX } from 'preact';
import { CallScreen } from './call-screen';
import type { CustomerCall } from './customer-call';
import { ConsentScreen, LoadingScreen, ProblemScreen } from './screens';

export function CustomerApp({ call }: { call: CustomerCall }): JSX.Element {
  const screen = call.screen.value;
  switch (screen.kind) {
    case 'loading':
      return <LoadingScreen />;
    case 'consent':
      return <ConsentScreen call={call} />;
    case 'call':
      return <CallScreen call={call} />;
    case 'problem':
      return <ProblemScreen key={screen.problem} call={call} problem={screen.problem} />;
  }
}
