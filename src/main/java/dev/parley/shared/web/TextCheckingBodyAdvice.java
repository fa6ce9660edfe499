package dev.parley.shared.web;

import dev.parley.shared.ErrorCode;
import dev.parley.shared.ParleyException;
import dev.parley.shared.Text;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.databind.JsonNode;

/**
 * Checks every REST request body as it is read (SPEC "Guarantees"): a string anywhere in it (record
 * components, lists, maps, JSON trees such as {@code metadata}, keys included) with NUL or an unpaired
 * surrogate refuses the request with 400 {@code invalid_text} before any handler runs, so nothing is
 * stored.
 */
@ControllerAdvice
class TextCheckingBodyAdvice extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(
            Object body,
            HttpInputMessage inputMessage,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        check(body, "body");
        return body;
    }

    private static void check(Object value, String field) {
        switch (value) {
            case null -> {}
            case CharSequence text -> {
                if (!Text.isClean(text)) {
                    refuse(field);
                }
            }
            case JsonNode node -> {
                if (!Text.isClean(node)) {
                    refuse(field);
                }
            }
            case Collection<?> items -> items.forEach(item -> check(item, field));
            case Map<?, ?> map ->
                map.forEach((key, item) -> {
                    check(key, field);
                    check(item, field);
                });
            case Record record -> {
                for (RecordComponent component : record.getClass().getRecordComponents()) {
                    Method accessor = component.getAccessor();
                    ReflectionUtils.makeAccessible(accessor);
                    check(ReflectionUtils.invokeMethod(accessor, record), WireNames.of(component.getName()));
                }
            }
            default -> {}
        }
    }

    private static void refuse(String field) {
        throw new ParleyException(ErrorCode.INVALID_TEXT, field + ": " + ErrorCode.INVALID_TEXT.message());
    }
}
