-- notifications no longer store a route: the UI decides where each kind leads (ui.NotificationRoutes)
alter table notification drop column link;
