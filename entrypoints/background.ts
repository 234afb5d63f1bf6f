import { registerHandlers } from '@/lib/messaging/extension';
import { createHandlers } from '@/lib/background/handlers';

export default defineBackground(() => {
  registerHandlers(createHandlers());
});
