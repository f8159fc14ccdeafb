import type { JSX } from 'preact';

// Decorative 24×24 line icons; the buttons that hold them carry the accessible name.
function Icon({ children }: { children: JSX.Element | JSX.Element[] }): JSX.Element {
  return (
    <svg
      class="icon"
      viewBox="0 0 24 24"
      width="24"
      height="24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export function FlipCameraIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M4 8h3l2-2.5h6L17 8h3v11H4z" />
      <path d="M9 13.5a3 3 0 0 1 5.4-1.8M15 13.5a3 3 0 0 1-5.4 1.8" />
      <path d="M14.6 9.8v2h-2M9.4 17.2v-2h2" />
    </Icon>
  );
}

export function MicIcon(): JSX.Element {
  return (
    <Icon>
      <rect x="9" y="3" width="6" height="11" rx="3" />
      <path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21" />
    </Icon>
  );
}

export function MicOffIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M15 9.5V6a3 3 0 0 0-5.8-1M9 9v2a3 3 0 0 0 4.6 2.5" />
      <path d="M5.5 11a6.5 6.5 0 0 0 10.4 5.2M18.5 11a6.4 6.4 0 0 1-.6 2.7M12 17.5V21M3 3l18 18" />
    </Icon>
  );
}

export function ChatIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M4 5h16v11H10l-5 4v-4H4z" />
    </Icon>
  );
}

export function EndCallIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M3 14.5c5-4.7 13-4.7 18 0l-2.3 2.7-3.6-1.4v-2.6a10 10 0 0 0-6.2 0v2.6l-3.6 1.4z" />
    </Icon>
  );
}

export function SendIcon(): JSX.Element {
  return (
    <Icon>
      <path d="M4 12 20 4l-5 16-3-7z" />
      <path d="m12 13 8-9" />
    </Icon>
  );
}
