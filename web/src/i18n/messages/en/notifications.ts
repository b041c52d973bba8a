/** The bell in the top bar and its panel of notifications. */
export const notifications = {
  'notifications.bell':
    '{count, plural, =0 {Notifications} one {Notifications, # unread} other {Notifications, # unread}}',
  'notifications.title': 'Notifications',
  'notifications.list': 'Your notifications',
  'notifications.markAll': 'Mark all as read',
  'notifications.empty': 'No notifications yet',
  'notifications.loading': 'Loading notifications',
  'notifications.failed': 'Could not load notifications',
  'notifications.more': 'Show older',
  'notifications.unread': 'Unread',
  'notifications.webForm.lead': 'New lead from web form «{source}»: {subject}',
  'notifications.webForm.deal': 'New deal from web form «{source}»: {subject}',
  'notifications.chatbot.lead': 'New lead from chatbot «{source}»: {subject}',
  'notifications.chatbot.deal': 'New deal from chatbot «{source}»: {subject}',
  'notifications.mention.note': '{actor} mentioned you in a note',
  'notifications.mention.comment': '{actor} mentioned you in a comment on a note',
  'notifications.someone': 'Someone',
  'notifications.noSubject': 'no name given',
} as const;
