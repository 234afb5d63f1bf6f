import { useEffect, useState } from 'react';
import type { UserCard } from '@/lib/cards/schema';
import type { SendToBackground } from '@/lib/messaging/send';
import type { ModAction, ModerateResult } from '@/lib/moderation/schema';
import type { CardChat, WhenOpened } from '@/lib/page/card-chat';

/** What a card may do as a moderator, and how: undefined for everyone else (no button, no space, no hint). */
export interface CardModeration {
  channel: string;
  /** Timeouts and bans (moderation:ban granted). */
  ban: boolean;
  /** Deleting their messages (moderation:chat_message:manage granted). */
  del: boolean;
  /** kick.com said the viewer moderates this channel (true), or could not say (undefined: the first refusal decides). */
  siteModerates?: boolean;
  act(action: ModAction, opts?: { reason?: string; undo?: boolean }): Promise<ModerateResult>;
}

/**
 * Whether this card offers moderator actions (the moderator-actions issue, "Who sees actions"): the setting is on, the
 * page shows a channel, the background says the account has a moderation scope and the tab shows that channel, the
 * target is not the broadcaster, a moderator there, or the connected user, and kick.com does not say the viewer
 * moderates nothing. Asked again at each open of a kept card (a refusal or a new grant shows then). With the setting
 * off nothing is asked: a non-moderator's card costs what it did.
 */
export function useModeration({ card, chat, send, enabled, whenOpened }: {
  card: UserCard;
  chat?: CardChat;
  send: SendToBackground;
  enabled: boolean;
  whenOpened?: WhenOpened;
}): CardModeration | undefined {
  const [mod, setMod] = useState<CardModeration | undefined>(undefined);
  const channel = enabled ? chat?.channel() : undefined;
  const { userId, username } = card;
  const roles = card.relation && card.relation.channelSlug.toLowerCase() === channel ? card.relation.roles : [];
  const target =
    channel !== undefined && userId !== undefined && (card.slug ?? username).toLowerCase() !== channel && !roles.includes('owner') && !roles.includes('moderator');
  useEffect(() => {
    // Not a target here: nothing to ask, and what an earlier answer said is not shown (`target ? mod : undefined`).
    if (!target || !chat || !channel) return;
    let live = true;
    const ask = async () => {
      const [cap, siteModerates] = await Promise.all([send('moderation', { channel }), chat.moderates()]);
      if (!live) return;
      const offer = cap.offer && cap.selfId !== userId && siteModerates !== false && (siteModerates === true || !cap.refusedHere);
      setMod((before) => {
        if (!offer) return undefined;
        if (before && before.ban === cap.ban && before.del === cap.del && before.siteModerates === siteModerates) return before;
        return {
          channel,
          ban: cap.ban,
          del: cap.del,
          siteModerates,
          act: (action, opts = {}) => send('moderate', { channel, userId, username, action, ...opts }),
        };
      });
    };
    const asked = () => void ask().catch(() => live && setMod(undefined));
    asked();
    const stop = whenOpened?.(asked);
    return () => {
      live = false;
      stop?.();
    };
  }, [target, chat, channel, send, userId, username, whenOpened]);
  return target ? mod : undefined;
}
