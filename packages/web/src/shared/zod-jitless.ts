import { z } from 'zod';

// The pages' content security policy forbids `eval`. Zod otherwise probes for it with
// `new Function`, which Chromium reports as a policy violation even though Zod catches the error.
z.config({ jitless: true });
