package io.cvatqueue.notification;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

import java.time.Instant;
import java.util.List;

public interface NotificationRepository extends ListCrudRepository<Notification, Long> {

    @Query("select * from notification where recipient = :recipient order by created_at desc, id desc limit :limit")
    List<Notification> latest(String recipient, int limit);

    @Query("select count(*) from notification where recipient = :recipient and read_at is null")
    long countUnread(String recipient);

    @Modifying
    @Query("update notification set read_at = :now where recipient = :recipient and read_at is null")
    int markAllRead(String recipient, Instant now);

    @Modifying
    @Query("update notification set read_at = :now where id = :id and recipient = :recipient and read_at is null")
    int markRead(long id, String recipient, Instant now);
}
