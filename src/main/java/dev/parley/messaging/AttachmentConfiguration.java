package dev.parley.messaging;

import dev.parley.platform.DataDirectory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link AttachmentStore} that {@code parley.attachments.store} names (files under the data directory, or
 * PostgreSQL), unless the application declares another.
 */
@Configuration(proxyBeanMethods = false)
class AttachmentConfiguration {

    @Bean
    @ConditionalOnMissingBean(AttachmentStore.class)
    AttachmentStore attachmentStore(
            AttachmentProperties properties, DataDirectory dataDirectory, AttachmentRepository attachments) {
        return switch (properties.store()) {
            case FILESYSTEM -> new FileSystemAttachmentStore(dataDirectory);
            case DATABASE -> new DatabaseAttachmentStore(attachments);
        };
    }
}
