import type { Platform } from '../config/config.types';
import type { AdapterClass } from './adapter';
import { ChatguruAdapter } from './chatguru/chatguru.adapter';
import { CloudchatAdapter } from './cloudchat/cloudchat.adapter';
import { CleverchatAdapter } from './cleverchat/cleverchat.adapter';
import { MaxbotAdapter } from './maxbot/maxbot.adapter';
import { OkeybotAdapter } from './okeybot/okeybot.adapter';

/** The adapter class of each platform. A platform missing here supports no operation yet. */
export const ADAPTERS: Partial<Record<Platform, AdapterClass>> = {
  maxbot: MaxbotAdapter,
  cloudchat: CloudchatAdapter,
  cleverchat: CleverchatAdapter,
  okeybot: OkeybotAdapter,
  chatguru: ChatguruAdapter,
};
