package dev.clockwork.web;

import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;

/** Puts {@link LostViewHandler} in front of the Faces implementation's handler (registered in faces-config.xml). */
public class LostViewHandlerFactory extends ExceptionHandlerFactory {

    public LostViewHandlerFactory(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new LostViewHandler(getWrapped().getExceptionHandler());
    }
}
