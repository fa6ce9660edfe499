package dev.parley.messaging;

import dev.parley.platform.DataDirectory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The file-system {@link AttachmentStore}, unless the application declares another. */
@Configuration(proxyBeanMethods = false)
class AttachmentConfiguration {

    @Bean
    @ConditionalOnMissingBean(AttachmentStore.class)
    AttachmentStore fileSystemAttachmentStore(DataDirectory dataDirectory) {
        return new FileSystemAttachmentStore(dataDirectory);
    }
}
